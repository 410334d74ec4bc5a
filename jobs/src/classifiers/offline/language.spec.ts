import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

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
});
