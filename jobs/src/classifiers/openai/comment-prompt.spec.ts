import { describe, expect, it } from 'vitest';
import { ClassifierResponseError } from './classifier-errors.ts';
import { buildSystemPrompt, buildUserMessage, MAX_COMMENT_CHARS, modelCategories, parseAnswer } from './comment-prompt.ts';

const answer = (results: unknown[]) => JSON.stringify({ results });
const label = (index: number, flags: string[] = []) => ({ index, sentiment: 'neutral', score: 0.5, flags });

describe('comment prompt', () => {
  it('numbers the comments from 1 as a JSON list and cuts long texts', () => {
    const list = JSON.parse(buildUserMessage(['hi', 'x'.repeat(MAX_COMMENT_CHARS + 10)]));
    expect(list[0]).toEqual({ index: 1, text: 'hi' });
    expect(list[1].text).toHaveLength(MAX_COMMENT_CHARS);
  });

  it('offers the competitor category only when rival brands are configured', () => {
    expect(modelCategories([])).not.toContain('competitor');
    expect(modelCategories(['Glowify'])).toContain('competitor');
    expect(buildSystemPrompt(['Glowify'])).toMatch(/competitor: .*"Glowify"/);
    expect(buildSystemPrompt([])).not.toMatch(/competitor/);
  });
});

describe('parseAnswer', () => {
  it('returns the labels in input order and drops unknown or repeated flags', () => {
    const labels = parseAnswer(answer([label(2, ['spam_scam']), label(1, ['clickbait', 'profanity', 'profanity'])]), 2);
    expect(labels).toEqual([
      { sentiment: 'neutral', score: 0.5, flags: ['profanity'] },
      { sentiment: 'neutral', score: 0.5, flags: ['spam_scam'] },
    ]);
  });

  it.each([
    ['not JSON', '{"results": [', /not valid JSON/],
    ['the wrong shape', JSON.stringify([label(1)]), /does not match the schema/],
    ['an unknown sentiment', answer([{ ...label(1), sentiment: 'mixed' }]), /does not match the schema/],
    ['a score above 1', answer([{ ...label(1), score: 1.2 }]), /does not match the schema/],
    ['a missing index', answer([label(1)]), /index 2 is missing/],
    ['a repeated index', answer([label(1), label(1)]), /index 1 is repeated.*index 2 is missing/],
    ['an index out of range', answer([label(1), label(2), label(3)]), /index 3 is out of range 1..2/],
  ])('rejects %s with ClassifierResponseError', (_, content, message) => {
    expect(() => parseAnswer(content, 2)).toThrow(ClassifierResponseError);
    expect(() => parseAnswer(content, 2)).toThrow(message);
  });
});
