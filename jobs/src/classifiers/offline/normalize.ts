/**
 * Text normalisation shared by the rule-based parts (lexicons, spam patterns, name matching,
 * word lists): lower-case, invisible characters removed, compatibility forms folded (NFKD: full-width
 * "ｆｕｃｋ" -> "fuck"), accents stripped (combining marks removed), "ß" -> "ss", typographic
 * apostrophes unified, and Cyrillic / Greek look-alike letters inside a Latin word mapped to Latin
 * ("fuсk" with a Cyrillic с). "Léa NOVA’s" -> "lea nova's". ASCII text skips the Unicode work.
 *
 * Every step maps one character to at most a few and never reads more than the word around it, so
 * the cost is linear in the text's length.
 */

const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;
/**
 * Invisible format characters (zero-width space / joiner / non-joiner, word joiner, soft hyphen,
 * BOM, bidi controls): "f\u200bu\u200bc\u200bk" reads "fuck" on screen. The zero-width joiner also
 * glues emoji sequences; the rules never look inside those.
 */
const INVISIBLE = /\p{Cf}/gu;

/** Cyrillic and Greek letters that look like a Latin one, as written to dodge word filters. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', с: 'c', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p',
  ԛ: 'q', ѕ: 's', т: 't', у: 'y', х: 'x', ԝ: 'w', ү: 'y', ɡ: 'g', ι: 'i', ο: 'o', α: 'a', β: 'b', ε: 'e', κ: 'k',
  ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w', η: 'n',
};
const LOOK_ALIKE_CHARS = Object.keys(LOOK_ALIKES).join('');
const HAS_LOOK_ALIKE = new RegExp(`[${LOOK_ALIKE_CHARS}]`, 'u');
const LOOK_ALIKE = new RegExp(`[${LOOK_ALIKE_CHARS}]`, 'gu');
const WORD = /\p{L}+/gu;
const LATIN = /[a-z]/;

/** Maps look-alikes in words that mix them with Latin letters; a word wholly in Cyrillic or Greek is left alone. */
function foldLookAlikes(text: string): string {
  if (!HAS_LOOK_ALIKE.test(text)) return text;
  return text.replace(WORD, (word) => (HAS_LOOK_ALIKE.test(word) && LATIN.test(word) ? word.replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c) : word));
}

export function normalizeForRules(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  let t = lower.replace(INVISIBLE, '').normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, "'");
  if (t.includes('ß')) t = t.replace(/ß/g, 'ss');
  return foldLookAlikes(t);
}

/** The text without invisible format characters (the profanity matcher reads the raw text). */
export function withoutInvisible(text: string): string {
  return NON_ASCII.test(text) ? text.replace(INVISIBLE, '') : text;
}

/**
 * Three or more single letters separated by one space, dot, dash, underscore or asterisk each, and
 * standing alone: "f u c k", "s.h.i.t". Ordinary text almost never has three one-letter words in a
 * row ("u r a joke" does: which is why the joined text is checked as well as, never instead of, the
 * original).
 */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}(?:[ ._*-]\p{L}(?![\p{L}\p{N}])){2,}/gu;

const isSeparator = (c: number) => c === 32 || c === 46 || c === 95 || c === 42 || c === 45;
/** ASCII letters and digits, and anything beyond ASCII (a superset of letters: the expression decides). */
const isWordish = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c > 127;

/**
 * Cheap superset test for SPACED_LETTERS, one pass over the char codes: letter, separator, letter,
 * separator, letter, each letter alone. Most comments have no such run and skip the expression.
 */
function mayHaveSpacedLetters(text: string): boolean {
  const n = text.length;
  for (let i = 0; i + 4 < n; i++) {
    if (!isWordish(text.charCodeAt(i)) || (i > 0 && isWordish(text.charCodeAt(i - 1)))) continue;
    if (isSeparator(text.charCodeAt(i + 1)) && isWordish(text.charCodeAt(i + 2)) && isSeparator(text.charCodeAt(i + 3)) && isWordish(text.charCodeAt(i + 4))) {
      return true;
    }
  }
  return false;
}

/** "f u c k you" -> "fuck you"; null when the text has no spaced-out word. */
export function joinSpacedLetters(text: string): string | null {
  if (!mayHaveSpacedLetters(text)) return null;
  SPACED_LETTERS.lastIndex = 0;
  if (!SPACED_LETTERS.test(text)) return null;
  return text.replace(SPACED_LETTERS, (run) => run.replace(/[ ._*-]/g, ''));
}

/**
 * Word boundaries for the lexicon and spam expressions over normalised text. Every term starts and
 * ends with a word character, so `\b` is exact there; it is ASCII-only ([a-z0-9_]), which is what
 * normalised (accent-free) Latin text is made of, and V8 runs it twice as fast as a Unicode-property
 * lookbehind.
 */
export const WORD_START = '\\b';
export const WORD_END = '\\b';
