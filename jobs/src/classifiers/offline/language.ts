/**
 * Language of a comment, with `eld` (Nito-ELD, n-gram detector, 60 languages, pure JavaScript).
 *
 * The "small" database: loads in ~0.25 s (large: ~1 s, the classifier's whole load budget) and is
 * within half a point of the large one on tweets by eld's own benchmark; ~5 µs per comment.
 *
 * Handles, URLs and hashtag marks say nothing about the language and are removed first. A text eld
 * cannot place reliably (emoji only, "ok", "lol", a few letters) is 'und' (undetermined).
 */
import { eld } from 'eld/small';

export const UNDETERMINED = 'und';

const NOISE = /@\w+|https?:\/\/\S+|www\.\S+|<url>|#/gu;
/** Below this many letters eld's guess is a coin toss ("ok" -> pl). */
const MIN_LETTERS = 4;
const LETTER = /\p{L}/gu;

/** ISO 639-1 code of the text's language, or 'und'. */
export function detectLanguage(text: string): string {
  const cleaned = text.replace(NOISE, ' ');
  const letters = cleaned.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return UNDETERMINED;
  const result = eld.detect(cleaned);
  return result.language !== '' && result.isReliable() ? result.language : UNDETERMINED;
}
