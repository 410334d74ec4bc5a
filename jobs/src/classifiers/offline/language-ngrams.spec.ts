import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { MULTILINGUAL_FOLDERS, type MultilingualLanguage, readLanguageSplit, readSplit } from './dataset-files.ts';
import { reliableLanguage } from './language-ngrams.ts';

/** eld's own answer, as language.ts used to ask it */
function eldAnswer(text: string): string {
  const result = eld.detect(text);
  return result.language !== '' && result.isReliable() ? result.language : '';
}

describe('reliableLanguage', () => {
  it("gives eld's answer on every val text of every data set, whole, cut and repeated past eld's byte limits", () => {
    const texts = [...readSplit('sentiment', 'val').texts, ...readSplit('offensive', 'val').texts];
    for (const language of Object.keys(MULTILINGUAL_FOLDERS) as MultilingualLanguage[]) texts.push(...readLanguageSplit(language, 'val').texts);
    const differ: string[] = [];
    for (const text of texts) {
      for (const variant of [text, text.slice(0, 160), text.slice(3, 20), text.repeat(4)]) {
        if (reliableLanguage(variant) !== eldAnswer(variant)) differ.push(variant);
      }
    }
    expect(differ).toEqual([]);
    // the sets are what they say: the answers are languages, not all ''
    expect(texts.filter((t) => reliableLanguage(t) === 'ar').length).toBeGreaterThan(300);
  });

  it("gives eld's answer at the edges: empty, short, apostrophes, lone surrogates, astral letters, long words", () => {
    const edges = ['', ' ', 'ok', 'abc', 'ab cd', '😍😍😍', 'don\'t won’t `x` l\'amour', '\ud800', 'a\udc00b cd ef', 'abc\ud835',
      '𝒜𝒜𝒜𝒜 𝒜𝒜', 'x'.repeat(2000), `${'é'.repeat(75)} ${'ß'.repeat(3)}`, 'Ça va très bien, merci beaucoup à vous',
      'هذا رائع جدا شكرا لك', 'Это очень хорошо, спасибо', 'これはとても良いです', 'यह बहुत अच्छा है'];
    for (const text of edges) expect(reliableLanguage(text), JSON.stringify(text)).toBe(eldAnswer(text));
  });

  it('keeps nothing of a text: the same text gives the same answer after others', () => {
    const text = 'Me encanta como han decidido a que universidad voy a ir sin ni siquiera consultarmelo';
    const first = reliableLanguage(text);
    reliableLanguage('Das ist wirklich eine tolle Idee');
    reliableLanguage(text.repeat(3));
    expect(reliableLanguage(text)).toBe(first);
    expect(first).toBe('es');
  });

  it("gives eld's answer once the table stops keeping n-grams the database lacks (past 65,536 of them)", () => {
    // made-up words: nearly all their n-grams are unknown to the database
    let seed = 14;
    const letter = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return 'abcdefghijklmnopqrstuvwxyzéüñç'[seed % 30]!;
    };
    const madeUp = Array.from({ length: 3000 }, () => Array.from({ length: 12 }, () => Array.from({ length: 9 }, letter).join('')).join(' '));
    for (const text of madeUp) reliableLanguage(text);
    const texts = [...madeUp.slice(0, 200), ...readLanguageSplit('fr', 'val').texts, ...readSplit('sentiment', 'val').texts.slice(0, 300)];
    expect(texts.filter((text) => reliableLanguage(text) !== eldAnswer(text))).toEqual([]);
  });
});
