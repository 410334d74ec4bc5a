/**
 * Swear words and obscene phrases in the audience's other languages (French, Spanish, Portuguese,
 * German, Italian, Arabic, Hindi in Latin letters), from the maintained LDNOOBW lists of the
 * `naughty-words` package (CC-BY-4.0, "List of Dirty, Naughty, Obscene, and Otherwise Bad Words").
 * obscenity covers English.
 *
 * The lists were made to keep words out of search suggestions, so they hold everyday words too
 * ("comer", to eat; "pesce", fish; "saco", bag; "con", with in Spanish and Italian; "Gucchi"). A
 * comment's language is not known here and a word is looked up in every list, so a word that is
 * ordinary in any language of the audience is left out (INNOCENT), as are words that name a topic
 * rather than swear at it (drugs, anatomy, sexual orientation): a flag sends a comment to a person.
 *
 * Matching: the normalised text (normalize.ts) is split into words; a single word is a Set lookup
 * and a phrase ("hijo de puta", "foda-se" = "foda se") is tried only where its first word stands.
 * Linear in the text's length.
 */
import { createRequire } from 'node:module';
import { normalizeForRules } from './normalize.ts';

export const LIST_LANGUAGES = ['fr', 'es', 'pt', 'de', 'it', 'ar', 'hi'] as const;
export type ListLanguage = (typeof LIST_LANGUAGES)[number];

/** Words of the lists that are ordinary words in some language of the audience, or name a topic. */
const INNOCENT: Readonly<Record<ListLanguage, readonly string[]>> = {
  fr: ['bander', 'bite', 'bitte', 'bourre', 'bourree', 'caca', 'chatte', 'con', 'folle', 'grande folle', 'gerbe', 'gerber', 'jouir', 'menage a trois', 'meuf', 'negro', 'pedale', 'pede', 'peter', 'pipi', 'pisser', 'ramoner', 'suce', 'tanche', 'trique', 'clitoris'],
  es: [
    'asesinato', 'asno', 'caca', 'chupada', 'chupeton', 'concha', 'coprofagia', 'drogas', 'esperma', 'fiesta de salchichas', 'haciendo el amor', 'heroina',
    'idiota', 'imbecil', 'infierno', 'maciza', 'macizorra', 'maldito', 'martillo', 'nazi', 'orina', 'pedo', 'pervertido', 'pezon', 'pis', 'prostituta',
    'racista', 'sadico', 'semen', 'sexo', 'sexo oral', 'tetas grandes', 'tia buena', 'travesti', 'trio', 'vulva',
  ],
  pt: [
    'aborto', 'amador', 'anus', 'aranha', 'ariano', 'balalao', 'bicha', 'biscate', 'bissexual', 'boob', 'bumbum', 'burro', 'camisinha', 'cerveja', 'chupar',
    'clitoris', 'cocaina', 'coito', 'comer', 'consolo', 'corno', 'cu', 'dum raio', 'fecal', 'frango assado', 'gozar', 'grelho', 'heroina', 'heterosexual',
    'homem gay', 'homoerotico', 'homosexual', 'inferno', 'lesbica', 'lolita', 'mama', 'passar um cheque', 'pau', 'pinto', 'saco', 'torneira', 'transar',
    'veado', 'vibrador',
  ],
  de: [
    'bimbo', 'bonze', 'bratze', 'dodel', 'fratze', 'ische', 'kimme', 'lummel', 'milf', 'mopse', 'morgenlatte', 'mufti', 'nackt', 'nippel', 'onanieren',
    'orgasmus', 'penis', 'pimpern', 'pinkeln', 'popel', 'poppen', 'reudig', 'rosette', 'schnackeln', 'tittchen',
  ],
  it: [
    'allupato', 'ammucchiata', 'anale', 'arrapato', 'assatanato', 'bagnarsi', 'balle', 'battere', 'biga', 'brinca', 'cadavere', 'casci', 'cesso', 'chiappa',
    'cozza', 'fava', 'femminuccia', 'finocchio', 'goldone', 'guardone', 'imbecille', 'lecchino', 'mannaggia', 'mona', 'monta', 'montare', 'nave scuola',
    'patacca', 'pesce', 'picio', 'pippa', 'pisello', 'pistolotto', 'pomiciare', 'pompa', 'porca', 'porca miseria', 'porco', 'quaglia', 'regina',
    'rizzarsi', 'ruffiano', 'sbattere', 'sbattersi', 'sega', 'slinguare', 'slinguata', 'soccia', 'spagnola', 'succhione', 'tarzanello', 'tirare', 'topa', 'vacca',
    'vangare', 'zio cantante',
  ],
  ar: ['لعق', 'لحس', 'مص', 'تمص', 'بيضان', 'ثدي', 'حلمة', 'شهوة', 'شاذ', 'مبادل', 'جماع', 'قضيب', 'اغتصاب', 'احتلام', 'خنثي', 'لبوة', 'فرج'],
  hi: ['gucchi', 'gucchu', 'hawas', 'hijda', 'hijra', 'kutta', 'maal', 'najayaz', 'pataka', 'patakha', 'randi', 'saala'],
};

/** English swearing that obscenity's dataset lacks (abbreviations). */
const ENGLISH_EXTRA = ['stfu', 'gtfo', 'wtf'];

const require = createRequire(import.meta.url);

function listOf(language: ListLanguage): string[] {
  const list: unknown = require(`naughty-words/${language}.json`);
  if (!Array.isArray(list) || !list.every((w): w is string => typeof w === 'string')) {
    throw new TypeError(`naughty-words/${language}.json is not a list of words.`);
  }
  return list;
}

/** A word or phrase as the matcher sees it: normalised, its words joined by one space. */
export function phraseKey(text: string): string {
  return normalizeForRules(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).join(' ');
}

function buildLexicon(): { words: Set<string>; phrasesByFirst: Map<string, string[][]> } {
  const words = new Set<string>();
  const phrasesByFirst = new Map<string, string[][]>();
  const add = (entry: string) => {
    const parts = entry.split(' ');
    if (parts.length === 1) {
      words.add(entry);
      return;
    }
    const list = phrasesByFirst.get(parts[0]!) ?? [];
    list.push(parts);
    phrasesByFirst.set(parts[0]!, list);
  };
  for (const language of LIST_LANGUAGES) {
    const innocent = new Set(INNOCENT[language].map(phraseKey));
    for (const entry of listOf(language)) {
      const key = phraseKey(entry);
      if (key !== '' && !innocent.has(key)) add(key);
    }
  }
  for (const entry of ENGLISH_EXTRA) add(entry);
  return { words, phrasesByFirst };
}

const LEXICON = buildLexicon();
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** ASCII a-z 0-9 by table; beyond ASCII, the Unicode test (normalised text is mostly ASCII). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

/** The words of a normalised text: runs of letters and digits (a hand loop: the hot path runs it on every comment). */
function wordsOf(normalized: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : 32;
    const inWord = c < 128 ? ASCII_WORD[c] === 1 : LETTER_OR_DIGIT.test(normalized[i]!) || (c >= 0xd800 && c <= 0xdfff);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push(normalized.slice(start, i));
      start = -1;
    }
  }
  return tokens;
}

/** 32-bit FNV-1a of a word, the same whether computed on a string or while scanning a text. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
function hashOf(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
/** Hashes of the single words and of the phrases' first words: the scan allocates nothing unless one comes up. */
const ENTRY_HASHES = new Set<number>([...LEXICON.words, ...LEXICON.phrasesByFirst.keys()].map(hashOf));

/** True when some word of the text hashes like a listed word or a phrase's first word (a superset test). */
function mayHaveListedWord(normalized: string): boolean {
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : 32;
    if (c < 128 ? ASCII_WORD[c] === 1 : LETTER_OR_DIGIT.test(normalized[i]!) || (c >= 0xd800 && c <= 0xdfff)) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      if (ENTRY_HASHES.has(h >>> 0)) return true;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  return false;
}

/** The listed words and phrases in a normalised text, in order of appearance. */
export function listedSwearing(normalized: string): string[] {
  const found: string[] = [];
  if (!mayHaveListedWord(normalized)) return found;
  const tokens = wordsOf(normalized);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (LEXICON.words.has(token)) found.push(token);
    const phrases = LEXICON.phrasesByFirst.get(token);
    if (phrases === undefined) continue;
    for (const phrase of phrases) {
      let j = 1;
      while (j < phrase.length && tokens[i + j] === phrase[j]) j++;
      if (j === phrase.length) found.push(phrase.join(' '));
    }
  }
  return found;
}

/** True when the normalised text has a listed swear word or phrase. */
export function hasListedSwearing(normalized: string): boolean {
  return listedSwearing(normalized).length > 0;
}
