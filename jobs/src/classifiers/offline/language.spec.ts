import { describe, expect, it } from 'vitest';
import { detectLanguage, hasLetters, isPlainEnglish } from './language.ts';
import { reliableLanguage } from './language-ngrams.ts';

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

  // real texts from the val sets (jobs/data): which skip the detector, and where each is routed
  describe('pre-routing', () => {
    const englishTweet = 'When girls become bandwagon fans of the Packers because of Harry.   Do y\'all even know who Aaron Rodgers is?  Or what a 1st down is? ';
    const frenchAscii = 'Comprendre le changement climatique en 2 minutes et avec humour http @user #climatechange #';
    const spanish = 'Me encanta como han decidido a que universidad voy a ir sin ni siquiera consultarmelo';
    const spanishWithEnglish = 'Uds locas por sun and moon me dieron ganas de jugar, pero hablan de stats y huevadas que ni idea. Yo feliz atrapando y combatiendo nomas';
    const arabic = 'لا اله الا الله💜#أيفون_البروفيسور http';
    const arabicWithLatin = '#السودان #sudan سولانج.. شقيقة بيونسيه تتصدر بيلبورد الأميركية: أبوظبي - سكاي نيوز عربية تصدرت… http #السودان #sudan';

    it('takes plain-ASCII English with two English-only words as English without the detector', () => {
      expect(isPlainEnglish(englishTweet)).toBe(true);
      expect(detectLanguage(englishTweet)).toBe('en');
      expect(reliableLanguage(englishTweet)).toBe('en');
    });

    it('sends French written without accents, Spanish, Arabic and mixed texts to the detector', () => {
      for (const text of [frenchAscii, spanish, spanishWithEnglish, arabic, arabicWithLatin]) expect(isPlainEnglish(text), text).toBe(false);
      expect(detectLanguage(frenchAscii)).toBe('fr');
      expect(detectLanguage(spanish)).toBe('es');
      // "and" is one English-only word, not two: the Spanish around it decides
      expect(detectLanguage(spanishWithEnglish)).toBe('es');
      expect(detectLanguage(arabic)).toBe('ar');
      expect(detectLanguage(arabicWithLatin)).toBe('ar');
    });

    it('takes an English sentence with a French phrase in it as English, as the detector does', () => {
      const mixed = 'I love this look so much, c\'est magnifique';
      expect(isPlainEnglish(mixed)).toBe(true);
      expect(detectLanguage(mixed)).toBe('en');
      expect(reliableLanguage(mixed)).toBe('en');
    });
  });
});
