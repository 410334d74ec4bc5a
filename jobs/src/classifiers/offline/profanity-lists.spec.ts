import { describe, expect, it } from 'vitest';
import { normalizeForRules } from './normalize.ts';
import { listedSwearing, phraseKey } from './profanity-lists.ts';

const listed = (text: string) => listedSwearing(normalizeForRules(text));

describe('profanity word lists (naughty-words)', () => {
  it('finds single words and whole phrases, accents and case aside', () => {
    expect(listed('Ferme ta gueule espèce de connasse')).toEqual(['gueule', 'connasse']);
    expect(listed('ENCULÉ')).toEqual(['encule']);
    expect(listed('hijo de puta')).toContain('hijo de puta');
    expect(listed('foda-se')).toContain('foda se');
  });

  it('matches whole words only', () => {
    expect(listed('putative')).toEqual([]);
    expect(listed('cazzotto')).toEqual([]);
  });

  it.each([
    'one bite left', // fr "bite"
    'bitte schön', // de "please", in the fr list
    'vamos con amor', // fr "con" = es / it "with"
    'comer bem', // pt list "comer" = to eat
    'pesce fresco', // it list "pesce" = fish
    'see cu tomorrow', // pt "cu" on its own
    'new Sega game',
    'Randi Zuckerberg',
    'Quelle belle robe !',
    'Me encanta este look',
    'Bellissima come sempre',
  ])('leaves everyday words alone: %j', (text) => {
    expect(listed(text)).toEqual([]);
  });

  it('keys phrases the way the text is split', () => {
    expect(phraseKey('Vai-te  Foder')).toBe('vai te foder');
  });
});
