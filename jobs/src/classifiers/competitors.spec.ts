import { describe, expect, it } from 'vitest';
import { namesCompetitor } from './competitors.ts';

describe('namesCompetitor', () => {
  const rivals = ['Glow Co', 'Bellé'];
  it('finds a rival by name, tag or handle, ignoring case and accents', () => {
    expect(namesCompetitor('Honestly GLOW CO does it better', rivals)).toBe(true);
    expect(namesCompetitor('switching to #glowco', rivals)).toBe(true);
    expect(namesCompetitor('@belle has a sale', rivals)).toBe(true);
    expect(namesCompetitor('belle!', rivals)).toBe(true);
  });
  it('does not match inside other words or with no list', () => {
    expect(namesCompetitor('glowcoat is not a brand', rivals)).toBe(false);
    expect(namesCompetitor('rebellen', rivals)).toBe(false);
    expect(namesCompetitor('glow co', [])).toBe(false);
  });
});
