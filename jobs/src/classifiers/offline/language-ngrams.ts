/**
 * eld's `detect(text)` + `isReliable()` (eld 2.1.0, Nito T.M., Apache-2.0) on eld's own small
 * database, with the same answer on every text and a third of its time.
 *
 * eld was a third of the classifier's time on a multilingual mix. Its scoring is cheap; its
 * bookkeeping is not: an object per text as the n-gram set, words built a character at a time,
 * `for … in` over arrays and over each n-gram's {language: score} object (indices turned into
 * strings and back), a sort of the 60 language scores for the reliability check. Here each n-gram
 * of the database gets, the first time a text has it, an entry with its scores in an Int32Array and
 * the call that last counted it, so that one look-up both removes repeats and adds the scores (the
 * entries are the database's, at most its 81 k; n-grams it lacks are kept for the call only,
 * nothing of a text is kept past it); ASCII words are slices of the text; the reliability check
 * finds the best two scores without sorting. The tokenising (eld's separator expression, its byte
 * dictionary, its 350/380-byte cut, its 70-byte word cap) and the arithmetic are eld's;
 * language-ngrams.spec.ts checks the answers against eld's own.
 *
 * The database and helpers are eld's modules, found next to the package's `eld/small` entry (its
 * exports map does not list them); eld's version is pinned in jobs/package.json.
 */
const ELD_SMALL = import.meta.resolve('eld/small');
const eldModule = (file: string) => import(new URL(file, ELD_SMALL).href);

interface EldDatabase {
  readonly languages: Record<number, string>;
  readonly ngrams: Record<string, Record<number, number> | undefined>;
}
const [{ ngramsData }, { separators }, { dictionary }, { avgScore }] = (await Promise.all([
  eldModule('../ngrams/small.js'),
  eldModule('../regexPatterns.js'),
  eldModule('../dictionary.js'),
  eldModule('../avgScore.js'),
])) as [{ ngramsData: EldDatabase }, { separators: RegExp }, { dictionary: readonly string[] }, { avgScore: Record<string, number> }];

const LANGUAGES: readonly string[] = Object.keys(ngramsData.languages).map((id) => ngramsData.languages[Number(id)]!);
/** eld stores each score minus its minimum, 53, to keep the database small */
const BASE_NGRAM_SCORE = 53;
const RELIABLE_RATIO = 0.75;
/** eld's cut: at the first space past 350 bytes, anywhere past 380 */
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;
const MAX_WORD_BYTES = 70;

/** An n-gram of eld's database: its [language index, score + 53, …], and the call that last counted it. */
interface NgramEntry {
  readonly scores: Int32Array;
  countedIn: number;
}
/** The database's n-grams met so far (at most its 81 k; nothing of a text is kept) */
const entries = new Map<string, NgramEntry>();
/** This call's n-grams that are not in the database: eld counts them too */
const unknown = new Set<string>();
const scores = new Float64Array(LANGUAGES.length);
let call = 0;
const MAX_CALL = 0x3fffffff;
let ngramCount = 0;

/** Counts `ngram` once per call, as eld's set of n-grams does, and adds its scores. */
function addNgram(ngram: string): void {
  let entry = entries.get(ngram);
  if (entry === undefined) {
    const raw = ngramsData.ngrams[ngram];
    if (raw === undefined) {
      // not kept past the call: texts could bring any number of unknown n-grams
      if (!unknown.has(ngram)) {
        unknown.add(ngram);
        ngramCount++;
      }
      return;
    }
    const ids = Object.keys(raw);
    const pairs = new Int32Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) {
      pairs[2 * i] = Number(ids[i]);
      pairs[2 * i + 1] = raw[Number(ids[i])]! + BASE_NGRAM_SCORE;
    }
    entry = { scores: pairs, countedIn: 0 };
    entries.set(ngram, entry);
  }
  if (entry.countedIn === call) return;
  entry.countedIn = call;
  ngramCount++;
  const pairs = entry.scores;
  for (let k = 0; k < pairs.length; k += 2) scores[pairs[k]!]! += pairs[k + 1]!;
}

/** eld's getByteNgrams for one word of "bytes" (one character per UTF-8 byte) */
function addWordNgrams(word: string): void {
  let len = word.length;
  if (len > MAX_WORD_BYTES) len = MAX_WORD_BYTES;
  let j = 0;
  // 4-byte n-grams, stride 3; the first marked by a leading space
  for (; j + 4 < len; j += 3) addNgram((j === 0 ? ' ' : '') + word.substring(j, j + 4));
  // the last, marked by a trailing space (eld's substring of the uncapped word, as eld does)
  addNgram((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
}

/**
 * eld's textProcessor + strToUtf8Bytes + getByteNgrams + calculateScores, into `scores`. A run of
 * ASCII letters is its own byte string: one slice of the text, not built a character at a time.
 */
function collectNgrams(text: string): void {
  const str = text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase();
  let word = '';
  let start = 0; // where the word's ASCII run not yet in `word` starts
  let bytes = 0;
  let i = 0;
  for (; i < str.length; i++) {
    let code = str.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        word += str.substring(start, i);
        start = i + 1;
        if (word !== '') {
          addWordNgrams(word);
          word = '';
        }
        if (bytes > CUT_AFTER) break;
      }
      bytes++;
    } else {
      word += str.substring(start, i);
      if (code < 0x800) {
        word += dictionary[0xc0 | (code >> 6)]! + dictionary[0x80 | (code & 0x3f)]!;
        bytes += 2;
      } else if (code < 0xd800 || code >= 0xe000) {
        word += dictionary[0xe0 | (code >> 12)]! + dictionary[0x80 | ((code >> 6) & 0x3f)]! + dictionary[0x80 | (code & 0x3f)]!;
        bytes += 3;
      } else {
        i++;
        code = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
        word += dictionary[0xf0 | (code >> 18)]! + dictionary[0x80 | ((code >> 12) & 0x3f)]! + dictionary[0x80 | ((code >> 6) & 0x3f)]! + dictionary[0x80 | (code & 0x3f)]!;
        bytes += 4;
      }
      start = i + 1;
    }
    if (bytes > ENFORCE_CUT_AFTER) {
      i++; // eld keeps the character that crossed the limit
      break;
    }
  }
  if (start < i) word += str.substring(start, Math.min(i, str.length));
  if (word !== '') addWordNgrams(word);
}

/** eld's 0-1 score of a language (its orderAndScale) */
function scaled(score: number, ngrams: number): number {
  const perNgram = score / ngrams;
  return perNgram / (perNgram + 25);
}

/**
 * The language eld names for `text` when it calls its answer reliable, else ''. eld's answer when
 * `eld.detect(text).isReliable()`; '' when eld answers '' or calls its answer unreliable.
 */
export function reliableLanguage(text: string): string {
  if (++call > MAX_CALL) {
    // stays a small integer: start again from 1 with every entry uncounted
    call = 1;
    for (const entry of entries.values()) entry.countedIn = 0;
  }
  ngramCount = 0;
  scores.fill(0);
  unknown.clear();
  collectNgrams(text);
  unknown.clear();
  // eld's getMaxLang: the first language with the highest positive raw score
  let best = -1;
  for (let l = 0; l < scores.length; l++) if (scores[l]! > 0 && (best < 0 || scores[l]! > scores[best]!)) best = l;
  if (best < 0 || ngramCount < 3) return '';
  const language = LANGUAGES[best]!;
  // eld's isReliable reads its scores sorted (stable) by the 0-1 score: the first and the second
  let first = -1;
  let firstScore = 0;
  for (let l = 0; l < scores.length; l++) {
    if (scores[l]! <= 0) continue;
    const s = scaled(scores[l]!, ngramCount);
    if (first < 0 || s > firstScore) {
      first = l;
      firstScore = s;
    }
  }
  let second = -1;
  let secondScore = 0;
  for (let l = 0; l < scores.length; l++) {
    if (l === first || scores[l]! <= 0) continue;
    const s = scaled(scores[l]!, ngramCount);
    if (second < 0 || s > secondScore) {
      second = l;
      secondScore = s;
    }
  }
  // eld compares the best score with the second's language *index* (results[1][0]), not its score:
  // kept, so that the answers stay eld's
  const next = second < 0 ? 0 : second;
  const unreliable = avgScore[language]! * RELIABLE_RATIO > firstScore || 0.01 > Math.abs(firstScore - next);
  return unreliable ? '' : language;
}
