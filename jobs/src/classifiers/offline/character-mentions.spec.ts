import { describe, expect, it } from 'vitest';
import { compileNameMatcher, mentionsName, nameWords } from './character-mentions.ts';
import { normalizeForRules } from './normalize.ts';

const LEA = ['Léa Nova', '@lea.nova', 'LeaN'];

describe('character mentions', () => {
  it.each([
    'lea nova is back',
    'love @lea.nova',
    'so good #leanova',
    'LEA NOVA!!',
    'Léa Nova',
    'léa-nova forever',
    'lea_nova',
    '@LeaNova',
    "lea nova's outfit",
    'lean', // the alias
    'go LeaN go',
  ])('matches %j', (text) => {
    expect(mentionsName(text, LEA)).toBe(true);
  });

  it.each(['leanovation', 'nova', 'lea', 'the leaning tower', '@lea.nova_fanpage', 'cleanova', ''])(
    'does not match %j',
    (text) => {
      expect(mentionsName(text, LEA)).toBe(false);
    },
  );

  it('splits names into words at separators and camel-case humps', () => {
    expect(nameWords('@Léa.Nova')).toEqual(['lea', 'nova']);
    expect(nameWords('#GlowCo')).toEqual(['glow', 'co']);
    expect(nameWords('  ')).toEqual([]);
  });

  it('never matches without names', () => {
    expect(mentionsName('lea nova', [])).toBe(false);
    expect(compileNameMatcher(['@', ' ']).matches('anything')).toBe(false);
  });

  it('escapes names that look like regular expressions', () => {
    const m = compileNameMatcher(['A.I. (Bot)+']);
    expect(m.matches(normalizeForRules('hello a.i. bot'))).toBe(true);
    expect(m.matches(normalizeForRules('#AIBot'))).toBe(true);
    expect(m.matches(normalizeForRules('aaiibot'))).toBe(false);
  });
});
