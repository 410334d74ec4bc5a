import { describe, expect, it } from 'vitest';
import { languageName } from './language.ts';

describe('languageName', () => {
  it('names detected languages in English', () => {
    expect(languageName('fr')).toBe('French');
    expect(languageName('pt')).toBe('Portuguese');
    expect(languageName('ar')).toBe('Arabic');
  });

  it('says when the language is undetermined or was not detected', () => {
    expect(languageName('und')).toBe('Undetermined');
    expect(languageName(null)).toBe('Not detected');
    expect(languageName(undefined)).toBe('Not detected');
  });

  it('shows a malformed code as it is', () => {
    expect(languageName('not a tag!')).toBe('not a tag!');
  });
});
