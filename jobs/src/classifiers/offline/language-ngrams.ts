/**
 * eld's `detect(text)` + `isReliable()` (eld 2.1.0, Nito T.M., Apache-2.0) on eld's own small
 * database, with the same answer on every text and a quarter of its time.
 *
 * eld was a third of the classifier's time on a multilingual mix. Its scoring is cheap; its
 * bookkeeping is not: per text an object as the set of n-grams and a string per n-gram, words built
 * a character at a time, `for … in` over arrays and over each n-gram's {language: score} object
 * (indices turned into strings and back), a sort of the 60 language scores for the reliability
 * check. Here the words are bytes in a reused buffer, an n-gram is two integers, looked up in one
 * open-addressing table that both removes a text's repeats (the call that last counted it) and
 * holds its scores (read from eld's database the first time it is met); the reliability check finds
 * the best two scores without sorting. The tokenising (eld's separator expression, its byte
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

/**
 * The n-grams met so far, by their characters packed in two integers (an n-gram has 3 to 6
 * characters, each under 256: eld's byte dictionary and ASCII), in open addressing: every n-gram of
 * the database met (at most its 81 k) and, up to UNKNOWN_SLOTS, n-grams it lacks (a fact about the
 * database, not about a text; past the limit they are looked up again each time).
 */
const SLOT_BITS = 18;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
const UNKNOWN_SLOTS = 1 << 16;
let unknownSlots = 0;
const slotLow = new Int32Array(1 << SLOT_BITS);
/** characters 5-6 and the length (bits 16-18): never 0 for an n-gram, 0 marks an empty slot */
const slotHigh = new Int32Array(1 << SLOT_BITS);
/** where the slot's [language index, score + 53, …] start in `pairs`, and how many numbers (0: not in the database) */
const slotStart = new Int32Array(1 << SLOT_BITS);
const slotLength = new Uint8Array(1 << SLOT_BITS);
/** the call that last counted the slot's n-gram: eld counts each distinct n-gram of a text once */
const slotCountedIn = new Int32Array(1 << SLOT_BITS);
let pairs = new Int32Array(1 << 15);
let pairsUsed = 0;
/** This call's n-grams not in the database past UNKNOWN_SLOTS, packed; longer ones (a word past 70 bytes) as text */
const unknown = new Set<number>();
const unknownLong = new Set<string>();

const scores = new Float64Array(LANGUAGES.length);
let call = 0;
const MAX_CALL = 0x3fffffff;
let ngramCount = 0;

/** eld's byte dictionary as character codes, and the current word in them */
const BYTE_CHAR = Uint8Array.from(dictionary, (c) => c.charCodeAt(0));
const word = new Uint8Array(ENFORCE_CUT_AFTER + 8);
let wordLength = 0;
/** the n-gram being looked up */
const gram = new Uint8Array(6);
let gramLength = 0;

function gramText(): string {
  let text = '';
  for (let i = 0; i < gramLength; i++) text += String.fromCharCode(gram[i]!);
  return text;
}

function findSlot(low: number, high: number): number {
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  let slot = h & SLOT_MASK;
  while (slotHigh[slot] !== 0 && (slotHigh[slot] !== high || slotLow[slot] !== low)) slot = (slot + 1) & SLOT_MASK;
  return slot;
}

/** Counts the n-gram in `gram` once per call, as eld's set of n-grams does, and adds its scores. */
function addGram(): void {
  const low = gram[0]! | (gram[1]! << 8) | (gram[2]! << 16) | (gram[3]! << 24);
  const high = (gramLength > 4 ? gram[4]! : 0) | (gramLength > 5 ? gram[5]! << 8 : 0) | (gramLength << 16);
  const slot = findSlot(low, high);
  if (slotHigh[slot] === 0) {
    const raw = ngramsData.ngrams[gramText()];
    if (raw === undefined && unknownSlots >= UNKNOWN_SLOTS) {
      const key = high * 0x1_0000_0000 + (low >>> 0);
      if (!unknown.has(key)) {
        unknown.add(key);
        ngramCount++;
      }
      return;
    }
    const ids = raw === undefined ? [] : Object.keys(raw);
    if (raw === undefined) unknownSlots++;
    if (pairsUsed + ids.length * 2 > pairs.length) {
      const grown = new Int32Array(pairs.length * 2);
      grown.set(pairs);
      pairs = grown;
    }
    slotStart[slot] = pairsUsed;
    slotLength[slot] = ids.length * 2;
    for (const id of ids) {
      pairs[pairsUsed++] = Number(id);
      pairs[pairsUsed++] = raw![Number(id)]! + BASE_NGRAM_SCORE;
    }
    slotLow[slot] = low;
    slotHigh[slot] = high;
  }
  if (slotCountedIn[slot] === call) return;
  slotCountedIn[slot] = call;
  ngramCount++;
  const end = slotStart[slot]! + slotLength[slot]!;
  for (let k = slotStart[slot]!; k < end; k += 2) scores[pairs[k]!]! += pairs[k + 1]!;
}

/** eld's getByteNgrams for the word in `word` (one character per UTF-8 byte) */
function addWordNgrams(): void {
  const len = wordLength > MAX_WORD_BYTES ? MAX_WORD_BYTES : wordLength;
  let j = 0;
  // 4-byte n-grams, stride 3; the first marked by a leading space
  for (; j + 4 < len; j += 3) {
    gramLength = 0;
    if (j === 0) gram[gramLength++] = 32;
    for (let k = j; k < j + 4; k++) gram[gramLength++] = word[k]!;
    addGram();
  }
  // the last, marked by a trailing space: eld takes it from the uncapped word (all of a word past 70 bytes)
  const from = len > 4 ? len - 4 : 0;
  const length = (j === 0 ? 1 : 0) + wordLength - from + 1;
  if (length > gram.length) {
    // never in the database (its n-grams have at most 6 characters), counted once all the same
    let text = '';
    for (let k = from; k < wordLength; k++) text += String.fromCharCode(word[k]!);
    if (!unknownLong.has(text)) {
      unknownLong.add(text);
      ngramCount++;
    }
    return;
  }
  gramLength = 0;
  if (j === 0) gram[gramLength++] = 32;
  for (let k = from; k < wordLength; k++) gram[gramLength++] = word[k]!;
  gram[gramLength++] = 32;
  for (let k = gramLength; k < gram.length; k++) gram[k] = 0;
  addGram();
}

/** eld's textProcessor + strToUtf8Bytes + getByteNgrams + calculateScores, into `scores` */
function collectNgrams(text: string): void {
  const str = text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase();
  wordLength = 0;
  let bytes = 0;
  for (let i = 0; i < str.length; i++) {
    let code = str.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (wordLength > 0) {
          addWordNgrams();
          wordLength = 0;
        }
        if (bytes > CUT_AFTER) break;
      } else {
        word[wordLength++] = code;
      }
      bytes++;
    } else if (code < 0x800) {
      word[wordLength++] = BYTE_CHAR[0xc0 | (code >> 6)]!;
      word[wordLength++] = BYTE_CHAR[0x80 | (code & 0x3f)]!;
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      word[wordLength++] = BYTE_CHAR[0xe0 | (code >> 12)]!;
      word[wordLength++] = BYTE_CHAR[0x80 | ((code >> 6) & 0x3f)]!;
      word[wordLength++] = BYTE_CHAR[0x80 | (code & 0x3f)]!;
      bytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      word[wordLength++] = BYTE_CHAR[0xf0 | (code >> 18)]!;
      word[wordLength++] = BYTE_CHAR[0x80 | ((code >> 12) & 0x3f)]!;
      word[wordLength++] = BYTE_CHAR[0x80 | ((code >> 6) & 0x3f)]!;
      word[wordLength++] = BYTE_CHAR[0x80 | (code & 0x3f)]!;
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER) break;
  }
  if (wordLength > 0) addWordNgrams();
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
    // stays a small integer: start again from 1 with every n-gram uncounted
    call = 1;
    slotCountedIn.fill(0);
  }
  ngramCount = 0;
  scores.fill(0);
  collectNgrams(text);
  unknown.clear();
  unknownLong.clear();
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
