/**
 * Language of a comment, with `eld` (Nito-ELD, n-gram detector, 60 languages, pure JavaScript),
 * its detection re-run by language-ngrams.ts on eld's database: eld's answers, a quarter of its time.
 *
 * The "small" database: loads in ~0.25 s (large: ~1 s, the classifier's whole load budget) and is
 * within half a point of the large one on tweets by eld's own benchmark.
 *
 * Handles, URLs and hashtag marks say nothing about the language and are removed first. A text eld
 * cannot place reliably (emoji only, "ok", "lol", a few letters) is 'und' (undetermined).
 *
 * The detection is the costliest step of a comment, so plain-ASCII text with at least two words
 * that only English has ("the", "you", "this", "with"…) is English without it, and it reads at
 * most the first DETECT_CHARS characters.
 */
import { reliableLanguage } from './language-ngrams.ts';

export const UNDETERMINED = 'und';

const NOISE = /@\w+|https?:\/\/\S+|www\.\S+|<url>|#/gu;
/** Below this many letters eld's guess is a coin toss ("ok" -> pl). */
const MIN_LETTERS = 4;
/** sticky: one letter at lastIndex */
const LETTER_AT = /\p{L}/uy;
const DETECT_CHARS = 160;
const NON_ASCII = /[^ -~\t\n\r]/u;
const ENGLISH_ONLY_WORD = /\b(?:the|you|your|this|that|with|are|have|just|what|was|it's|i'm|don't|can't|and|love|really|like|they|she|he's|she's|my)\b/giu;

/**
 * Whether `text` has at least `n` letters. Counts without building a match array (which allocated
 * a string per letter and was a tenth of the classifier's time); ASCII letters without a regex.
 */
export function hasLetters(text: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let letter = (code | 32) >= 97 && (code | 32) <= 122;
    if (code >= 128) {
      LETTER_AT.lastIndex = i;
      letter = LETTER_AT.test(text);
      // a pair is one code point: step over its second half (matching there would count it again)
      if (code >= 0xd800 && code <= 0xdbff) i++;
    }
    if (letter && ++count >= n) return true;
  }
  return false;
}

/** At least two English-only words, stopping at the second. */
function hasEnglishOnlyWords(text: string): boolean {
  ENGLISH_ONLY_WORD.lastIndex = 0;
  let found = 0;
  while (ENGLISH_ONLY_WORD.exec(text) !== null) {
    if (++found >= 2) break;
  }
  ENGLISH_ONLY_WORD.lastIndex = 0;
  return found >= 2;
}

/**
 * English without asking the detector: plain ASCII (no accent, no other script) with two words no
 * other language of the model uses. `cleaned`: the text without handles, links and hashtag marks.
 */
export function isPlainEnglish(cleaned: string): boolean {
  return !NON_ASCII.test(cleaned) && hasEnglishOnlyWords(cleaned);
}

/** ISO 639-1 code of the text's language, or 'und'. */
export function detectLanguage(text: string): string {
  const cleaned = text.replace(NOISE, ' ');
  if (!hasLetters(cleaned, MIN_LETTERS)) return UNDETERMINED;
  if (isPlainEnglish(cleaned)) return 'en';
  const language = reliableLanguage(cleaned.length > DETECT_CHARS ? cleaned.slice(0, DETECT_CHARS) : cleaned);
  return language !== '' ? language : UNDETERMINED;
}
