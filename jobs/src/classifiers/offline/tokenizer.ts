/**
 * Tokeniser for short social text (comments, tweets).
 *
 * - lower-cases, decodes the few HTML entities platforms leave behind (&amp; &lt; &gt; &quot;)
 * - URLs become `<url>`, @handles become `@user` (the training data is normalised that way)
 * - `#word` yields `#word` and `word`
 * - emoji are tokens of their own (skin-tone modifiers and variation selectors dropped)
 * - emoticons (`:)`, `:-(`, `<3`, `xD` …) are kept whole
 * - elongations are shortened: `soooo` -> `soo`, `!!!!` -> `!!`
 * - negation marking: word tokens after `not`, `no`, `never`, `…n't` get a `_NEG` suffix until the next
 *   clause punctuation (`. , ; : ! ?`)
 */

/** Suffix appended to word tokens inside a negated scope. */
export const NEGATION_SUFFIX = '_NEG';
export const URL_TOKEN = '<url>';
export const USER_TOKEN = '@user';

export const TokenKind = {
  word: 0,
  hashtag: 1,
  mention: 2,
  url: 3,
  emoji: 4,
  emoticon: 5,
  punct: 6,
  number: 7,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  /** normalised text; word tokens in a negated scope carry NEGATION_SUFFIX */
  readonly text: string;
  readonly kind: TokenKind;
  /** the normalised word without negation marker (same as text for non-words) */
  readonly base: string;
  readonly negated: boolean;
}

const NEGATORS = new Set([
  'not', 'no', 'never', 'cannot', 'nothing', 'nobody', 'none', 'nor', 'neither', 'nowhere',
  'without', 'aint', 'cant', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'wont', 'wouldnt',
  'shouldnt', 'couldnt', 'arent', 'werent', 'havent', 'hasnt', 'hadnt', 'mustnt',
]);

/** Punctuation that closes a negation scope. */
const CLAUSE_END = /[.,;:!?]/;

// One sticky alternation, tried in this order at every position.
const TOKEN_RE = new RegExp(
  [
    // 1 url. A bare domain starts only where a run of [a-z0-9-] starts: with `\b` it was tried at
    // every boundary inside the run ("1-1-1-…"), each try rescanning the rest of the run (quadratic).
    String.raw`(https?:\/\/\S*|www\.\S+|(?<![a-z0-9-])[a-z0-9-]+\.(?:com|net|org|ly|io|co|gl|me|gg|link|xyz)\/\S*)`,
    // 2 mention
    String.raw`(@[\p{L}\p{N}_.]*[\p{L}\p{N}_])`,
    // 3 hashtag
    String.raw`(#[\p{L}\p{N}_]+)`,
    // 4 emoticon (western, heart, xD)
    String.raw`((?:[:;=][\-o*']?[)\](\[dpo3/\\|*@$]+)(?![\p{L}\p{N}])|(?:[)\](\[dp/\\|][\-o*']?[:;=])(?![\p{L}\p{N}])|<\/?3+|\bx+d+\b|\^_*\^)`,
    // 5 emoji: one pictograph (+ modifiers / ZWJ sequence), or a regional-indicator flag pair
    String.raw`(\p{Extended_Pictographic}(?:[\u{FE0F}\p{Emoji_Modifier}]|\u200D\p{Extended_Pictographic})*|\p{Regional_Indicator}{2})`,
    // 6 word (letters, digits, inner apostrophes / hyphens)
    String.raw`([\p{L}\p{M}][\p{L}\p{M}\p{N}_]*(?:['\-][\p{L}\p{M}\p{N}_]+)*)`,
    // 7 number
    String.raw`(\$?\p{N}+(?:[.,:]\p{N}+)*%?)`,
    // 8 punctuation run
    String.raw`([!?]+|\.{2,}|[.,;:"()*&$%+=/\\-])`,
  ].join('|'),
  'gu',
);

const ELONGATION_RE = /(.)\1{2,}/gu;
const ENTITY_RE = /&(amp|lt|gt|quot|#39|apos);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const EMOJI_MODIFIERS_RE = /[\u{FE0F}\p{Emoji_Modifier}]/gu;

/** Lower-case, decode entities, unify apostrophes. Exported for the feature extractor and tests. */
export function normalizeText(text: string): string {
  let t = text.toLowerCase();
  if (t.includes('&')) t = t.replace(ENTITY_RE, (_m, e: string) => ENTITIES[e] ?? _m);
  if (t.includes('\u2019') || t.includes('\u2018')) t = t.replace(/[\u2018\u2019]/g, "'");
  return t;
}

/** `soooo` -> `soo`, `!!!!!` -> `!!`. */
export function shortenElongation(word: string): string {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return word.replace(ELONGATION_RE, '$1$1');
  }
  return word;
}

/** Negators written without the apostrophe count too (dont, cant). */
function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/**
 * Tokenise one text. Pure, allocation-light; the feature extractor calls it on the hot path.
 */
export function tokenize(text: string): Token[] {
  const t = normalizeText(text);
  const out: Token[] = [];
  let negated = false;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(t); m !== null; m = TOKEN_RE.exec(t)) {
    if (m[1] !== undefined) {
      out.push({ text: URL_TOKEN, kind: TokenKind.url, base: URL_TOKEN, negated: false });
    } else if (m[2] !== undefined) {
      out.push({ text: USER_TOKEN, kind: TokenKind.mention, base: USER_TOKEN, negated: false });
    } else if (m[3] !== undefined) {
      const word = shortenElongation(m[3].slice(1));
      out.push({ text: '#' + word, kind: TokenKind.hashtag, base: '#' + word, negated: false });
      out.push(wordToken(word, negated));
    } else if (m[4] !== undefined) {
      const e = m[4].replace(/-/g, '');
      out.push({ text: e, kind: TokenKind.emoticon, base: e, negated: false });
    } else if (m[5] !== undefined) {
      const e = m[5].replace(EMOJI_MODIFIERS_RE, '');
      out.push({ text: e, kind: TokenKind.emoji, base: e, negated: false });
    } else if (m[6] !== undefined) {
      const word = shortenElongation(m[6]);
      out.push(wordToken(word, negated));
      if (isNegator(word)) negated = true;
    } else if (m[7] !== undefined) {
      out.push({ text: m[7], kind: TokenKind.number, base: m[7], negated: false });
    } else if (m[8] !== undefined) {
      const p = m[8].length > 2 ? m[8].slice(0, 2) : m[8];
      out.push({ text: p, kind: TokenKind.punct, base: p, negated: false });
      if (CLAUSE_END.test(p)) negated = false;
    }
  }
  return out;
}

function wordToken(word: string, negated: boolean): Token {
  return negated
    ? { text: word + NEGATION_SUFFIX, kind: TokenKind.word, base: word, negated: true }
    : { text: word, kind: TokenKind.word, base: word, negated: false };
}

/** The token texts only; convenient for tests and debugging. */
export function tokenTexts(text: string): string[] {
  return tokenize(text).map((tok) => tok.text);
}
