import { describe, expect, it } from 'vitest';
import { joinSpacedLetters, normalizeForRules, withoutInvisible } from './normalize.ts';

describe('normalizeForRules', () => {
  it('lower-cases, strips accents and unifies apostrophes', () => {
    expect(normalizeForRules('Léa NOVA’s')).toBe("lea nova's");
  });

  it('removes invisible characters (zero-width space, joiner, word joiner, soft hyphen)', () => {
    expect(normalizeForRules('f\u200bu\u200cc\u200dk y\u2060o\u00adu')).toBe('fuck you');
  });

  it('folds full-width and compatibility forms', () => {
    expect(normalizeForRules('ｆｕｃｋ ｔｈｉｓ')).toBe('fuck this');
  });

  it('maps Cyrillic and Greek look-alikes inside a Latin word, and leaves words wholly in another script alone', () => {
    expect(normalizeForRules('fuсk')).toBe('fuck'); // Cyrillic с
    expect(normalizeForRules('fυck yοu')).toBe('fuck you'); // Greek υ, ο
    expect(normalizeForRules('привет')).toBe('привет');
    expect(normalizeForRules('καλημέρα')).toBe('καλημερα');
  });

  it('reads ß as ss', () => {
    expect(normalizeForRules('Scheiße')).toBe('scheisse');
  });
});

describe('joinSpacedLetters', () => {
  it.each([
    ['f u c k you lea', 'fuck you lea'],
    ['s.h.i.t happens', 'shit happens'],
    ['b-i-t-c-h', 'bitch'],
    ['total s h i t show', 'total shit show'],
  ])('%j -> %j', (text, joined) => {
    expect(joinSpacedLetters(text)).toBe(joined);
  });

  it('leaves text without three single letters in a row alone', () => {
    expect(joinSpacedLetters('u r the best')).toBeNull();
    expect(joinSpacedLetters('I am a fan')).toBeNull();
  });
});

describe('withoutInvisible', () => {
  it('keeps visible text as it is', () => {
    expect(withoutInvisible('Hello Léa')).toBe('Hello Léa');
    expect(withoutInvisible('a\u200bb')).toBe('ab');
  });
});
