import { describe, expect, it } from 'vitest';
import { NEGATION_SUFFIX, shortenElongation, tokenTexts } from './tokenizer.ts';

describe('tokenize', () => {
  it('lower-cases and keeps clause punctuation', () => {
    expect(tokenTexts('Great Video!')).toEqual(['great', 'video', '!']);
  });

  it('keeps emoji as tokens, without skin tones or variation selectors', () => {
    expect(tokenTexts('love it 😍🙏🏻❤️')).toEqual(['love', 'it', '😍', '🙏', '❤']);
  });

  it('keeps flags and ZWJ sequences whole', () => {
    expect(tokenTexts('🇫🇷 🤦🏾‍♀️')).toEqual(['🇫🇷', '🤦\u200d♀']);
  });

  it('splits a hashtag into the tag and its word', () => {
    expect(tokenTexts('#LoveIt')).toEqual(['#loveit', 'loveit']);
  });

  it('shortens elongations to two letters', () => {
    expect(tokenTexts('soooo goooood!!!!')).toEqual(['soo', 'good', '!!']);
    expect(shortenElongation('cool')).toBe('cool');
  });

  it('marks negated words until clause punctuation', () => {
    expect(tokenTexts("I don't like it, but ok")).toEqual([
      'i',
      "don't",
      `like${NEGATION_SUFFIX}`,
      `it${NEGATION_SUFFIX}`,
      ',',
      'but',
      'ok',
    ]);
    expect(tokenTexts('not bad. good')).toEqual(['not', `bad${NEGATION_SUFFIX}`, '.', 'good']);
    expect(tokenTexts('never again')).toEqual(['never', `again${NEGATION_SUFFIX}`]);
  });

  it('normalises mentions and URLs', () => {
    expect(tokenTexts('@lea.nova look https://t.co/x1 and bit.ly/abc')).toEqual(['@user', 'look', '<url>', 'and', '<url>']);
  });

  it('keeps emoticons and decodes HTML entities', () => {
    expect(tokenTexts('ok :) &lt;3 :-( xD')).toEqual(['ok', ':)', '<3', ':(', 'xd']);
    expect(tokenTexts('rock &amp; roll')).toEqual(['rock', '&', 'roll']);
  });

  it('keeps accents and unifies apostrophes', () => {
    expect(tokenTexts('Léa’s café')).toEqual(["léa's", 'café']);
  });

  it('returns nothing for empty text', () => {
    expect(tokenTexts('')).toEqual([]);
    expect(tokenTexts('   ')).toEqual([]);
  });
});
