import { describe, expect, it } from 'vitest';
import { type FeatureConfig } from './features.ts';
import { RULE_FEATURES } from './rule-features.ts';
import { DEFAULT_MODEL_URL, MODEL_RELEASE, decodeModel, encodeModel, loadModel, type TrainedWeights } from './model.ts';

function toy(seed: number): TrainedWeights {
  const features: FeatureConfig = { bits: 4, charMin: 2, charMax: 3, bigrams: true };
  const buckets = 2 ** features.bits;
  const sentiment = Float64Array.from({ length: buckets * 3 }, (_, i) => Math.sin(i + seed));
  const offensive = Float64Array.from({ length: buckets }, (_, i) => Math.cos(i * seed));
  return {
    features,
    sentiment: { wordWeight: 1, charWeight: 1, bias: [0.1, 0, -0.1], weights: sentiment },
    offensive: { wordWeight: 0.5, charWeight: 1, bias: [-0.3], weights: offensive },
    training: { note: 'toy' },
  };
}

describe('model file', () => {
  it('round-trips with int8 quantisation error only', () => {
    const trained = toy(1);
    const model = decodeModel(encodeModel(trained).bytes);
    expect(model.features).toEqual(trained.features);
    expect(model.sentiment.bias).toEqual([0.1, 0, -0.1]);
    expect(model.offensive.wordWeight).toBe(0.5);
    const step = 1 / 127;
    for (let b = 0; b < 16; b++) {
      expect(Math.abs(model.weights[b * 4]! - trained.sentiment.weights[b * 3]!)).toBeLessThanOrEqual(step);
      expect(Math.abs(model.weights[b * 4 + 3]! - trained.offensive.weights[b]!)).toBeLessThanOrEqual(step);
    }
  });

  it('gives byte-identical files and versions for identical weights, new ones otherwise', () => {
    const a = encodeModel(toy(1));
    const b = encodeModel(toy(1));
    const c = encodeModel(toy(2));
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
    expect(a.version).toMatch(new RegExp(`^${MODEL_RELEASE}-[0-9a-f]{8}$`));
  });

  it('keeps the offensive rule weights at full precision, zeros when the file has none, and hashes them', () => {
    const plain = toy(1);
    const withRules: TrainedWeights = { ...plain, offensive: { ...plain.offensive, rules: { 'profanity:profanity': 1.234567, 'targets-person': -0.5 } } };
    const model = decodeModel(encodeModel(withRules).bytes);
    expect(model.offensiveRules[RULE_FEATURES.indexOf('profanity:profanity')]).toBe(1.234567);
    expect(model.offensiveRules[RULE_FEATURES.indexOf('targets-person')]).toBe(-0.5);
    expect(model.offensiveRules[RULE_FEATURES.indexOf('lexicon:hate')]).toBe(0);
    expect([...decodeModel(encodeModel(plain).bytes).offensiveRules].every((w) => w === 0)).toBe(true);
    expect(encodeModel(withRules).version).not.toBe(encodeModel(plain).version);
    expect(() => encodeModel({ ...plain, offensive: { ...plain.offensive, rules: { 'no-such-rule': 1 } } })).toThrow(/unknown feature/);
  });

  it('rejects what is not a model file', () => {
    expect(() => decodeModel(new Uint8Array([1, 2, 3]))).toThrow();
  });

  it('loads the committed model once', () => {
    const model = loadModel();
    expect(loadModel(DEFAULT_MODEL_URL)).toBe(model);
    expect(model.weights.length).toBe(2 ** model.features.bits * 4);
    expect(model.version).toMatch(new RegExp(`^${MODEL_RELEASE}-[0-9a-f]{8}$`));
  });
});
