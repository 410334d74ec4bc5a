// Very long comments: the classifier's cost is linear in the text's length. Timing is left to
// jobs/scripts/bench-long-lines.ts; here the work is counted: tokens (one expression match each) and
// hashed features (what the model sums), which the classifier's loops run over.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, extractTokenFeatures, FeatureVector } from './features.ts';
import { createOfflineClassifier } from './offline-classifier.ts';
import { tokenize } from './tokenizer.ts';

const classifier = createOfflineClassifier();
const line = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function work(text: string): { tokens: number; features: number } {
  const tokens = tokenize(text);
  const fv = new FeatureVector();
  extractTokenFeatures(tokens, DEFAULT_FEATURE_CONFIG, fv);
  return { tokens: tokens.length, features: fv.length };
}

describe('long comments', () => {
  it('classifies a 100,000-character line', () => {
    const text = line('1-', 100_000);
    const r = classifier.classifyOne(text);
    expect(text).toHaveLength(100_000);
    expect(['negative', 'neutral', 'positive']).toContain(r.sentiment);
    expect(r.probabilities.negative + r.probabilities.neutral + r.probabilities.positive).toBeCloseTo(1, 10);
    expect(r.flags).toEqual([]);

    const swearing = classifier.classifyOne(`${line('so good ', 99_990)} f u c k`);
    expect(swearing.flags).toContain('profanity');
  });

  it.each(['1-', 'a-', 'x', '@.', 'f*', ':)', 'a b ', 'https://a.co/ '])('does ten times the work for ten times the length of %j', (unit) => {
    const short = work(line(unit, 10_000));
    const long = work(line(unit, 100_000));
    expect(long.tokens).toBeLessThanOrEqual(10 * short.tokens + 10);
    expect(long.features).toBeLessThanOrEqual(10 * short.features + 10 * DEFAULT_FEATURE_CONFIG.charMax);
  });

  it('tokenises "1-" runs one token per character, as before the URL pattern was fixed', () => {
    expect(tokenize('1-1-1').map((t) => t.text)).toEqual(['1', '-', '1', '-', '1']);
    expect(tokenize('see x-shop.com/deal now').map((t) => t.text)).toEqual(['see', '<url>', 'now']);
  });
});
