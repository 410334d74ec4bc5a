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

  it.each([
    ['f u c k you lea', 'spaced-out letters'],
    ['s.h.i.t', 'dotted letters'],
    ['f\u200bu\u200bc\u200bk you', 'zero-width spaces'],
    ['phuck you', '"ph" for "f"'],
    ['phucking hell', '"ph" for "f"'],
    ['f**k this', 'a mask that fits one swear word'],
    ['sh*t, missed it', 'a mask that fits one swear word'],
    ['fuсk this', 'a Cyrillic look-alike'],
    ['ｆｕｃｋ this', 'full-width letters'],
  ])('sees through %j (%s)', (text) => {
    expect(profanityCategories(text)).toContain('profanity');
  });

  it.each([
    ['this is the shit', 'praise'],
    ["you're the shit", 'praise'],
    ['shitake mushroom recipe', 'a mushroom'],
    ['shiitake ramen', 'a mushroom'],
    ['cum laude graduate', 'Latin'],
    ['she graduated summa cum laude', 'Latin'],
    ['Dick Van Dyke', 'a name'],
    ['reading Moby Dick', 'a name'],
    ['Phuket trip', 'a place'],
  ])('leaves %j alone (%s)', (text) => {
    expect(profanityCategories(text)).toEqual([]);
  });

  it('still flags the words outside those uses', () => {
    expect(profanityCategories('eat shit')).toEqual(['profanity']);
    expect(profanityCategories('what a dick')).toEqual(['profanity']);
    expect(profanityCategories('full of cum')).toEqual(['sexual']);
  });

  it('reads rape as violence, not sexual content', () => {
    expect(profanityCategories('he is a rapist')).toEqual(['violence']);
  });

  it.each([
    ['Ferme ta gueule espèce de connasse', 'fr'],
    ['Eres una puta mentirosa', 'es'],
    ['vai tomar no cu', 'pt'],
    ['du Arschloch', 'de'],
    ['che cazzo', 'it'],
    ['كس امك', 'ar'],
    ['madarchod', 'hi'],
    ['stfu', 'en abbreviation'],
  ])('flags %j from the word lists (%s)', (text) => {
    expect(profanityCategories(text)).toEqual(['profanity']);
  });

  it('maps words to categories', () => {
    expect(categoryOfWord('fuck')).toBe('profanity');
    expect(categoryOfWord('porn')).toBe('sexual');
    expect(categoryOfWord('nigger')).toBe('hate');
    expect(categoryOfWord('rape')).toBe('violence');
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
