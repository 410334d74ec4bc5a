import { describe, expect, it } from 'vitest';
import { detectLanguage, hasLetters } from './language.ts';

describe('detectLanguage', () => {
  it('names the language of ordinary comments', () => {
    expect(detectLanguage('Ferme ta gueule espèce de connasse')).toBe('fr');
    expect(detectLanguage('Eres una puta mentirosa')).toBe('es');
    expect(detectLanguage('Das ist wirklich eine tolle Idee')).toBe('de');
    expect(detectLanguage('questo è bellissimo, grazie mille')).toBe('it');
    expect(detectLanguage('isso é muito bom, adorei o vídeo')).toBe('pt');
    expect(detectLanguage('هذا رائع جدا شكرا لك')).toBe('ar');
    expect(detectLanguage('this look is so good on you')).toBe('en');
    expect(detectLanguage('Dit is echt een prachtige foto van jou')).toBe('nl');
  });

  it('ignores handles, links and hashtag marks', () => {
    expect(detectLanguage('@lea.nova https://example.com #ootd quelle belle tenue aujourd’hui')).toBe('fr');
  });

  it('says und when the text does not tell', () => {
    expect(detectLanguage('😍😍😍')).toBe('und');
    expect(detectLanguage('ok')).toBe('und');
    expect(detectLanguage('@user https://t.co/x')).toBe('und');
  });

  it('counts letters as \\p{L} does, in any script, astral ones once', () => {
    const texts = ['ok', 'okay', 'é à', 'éàüß', '😍😍😍😍', '𝒜𝒜𝒜', '𝒜𝒜𝒜𝒜', 'ab12', 'abc1d', 'هذا ر', 'A_B-C@D', '\u{1F600}a\u{1F600}bc'];
    for (const text of texts) {
      for (const n of [1, 3, 4]) expect(hasLetters(text, n), `${text} ${n}`).toBe((text.match(/\p{L}/gu)?.length ?? 0) >= n);
    }
  });
});
