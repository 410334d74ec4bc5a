import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './dataset-files.ts';
import { categoryOfWord, profaneWords, profanityCategories } from './profanity.ts';

describe('profanity (obscenity)', () => {
  it.each([
    ['f*ck this', 'fuck'],
    ['sh1t', 'shit'],
    ['what the fuuuuck', 'fuck'],
    ['$hit happens', 'shit'],
    ['b1tch please', 'bitch'],
  ])('sees through %j', (text, word) => {
    expect(profaneWords(text)).toContain(word);
    expect(profanityCategories(text)).toContain('profanity');
  });

  it.each(['Scunthorpe', 'assessment', 'class act', 'what a classic', 'cocktail hour', 'so sexy 😍', 'analysis'])(
    'leaves %j alone',
    (text) => {
      expect(profanityCategories(text)).toEqual([]);
    },
  );

  it('maps words to categories', () => {
    expect(categoryOfWord('fuck')).toBe('profanity');
    expect(categoryOfWord('porn')).toBe('sexual');
    expect(categoryOfWord('nigger')).toBe('hate');
    expect(profanityCategories('p0rn')).toEqual(['sexual']);
  });

  it('agrees with the complete obscenity matcher (its prefilter drops nothing)', () => {
    const file = path.join(resolveDataDir(), 'offensive', 'val_text.txt');
    const texts = readFileSync(file, 'utf8').split('\n');
    for (const text of texts) {
      const fast = profanityCategories(text).sort();
      const full = [...new Set(profaneWords(text).map(categoryOfWord))].sort();
      expect(fast, text).toEqual(full);
    }
  });
});
