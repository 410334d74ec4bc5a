import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './features.ts';
import { buildDataset, naiveBayesScales, resolveClassWeights, scaleDataset, trainAdagrad, trainLinear } from './trainer.ts';

const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, bits: 12 };
const groups = { wordWeight: 1, charWeight: 1 };
const texts = ['love it', 'so good', 'amazing look', 'hate it', 'so bad', 'awful look', 'love this', 'bad idea'];
const labels = [1, 1, 1, 0, 0, 0, 1, 0];

describe('trainer', () => {
  it('fits a separable toy problem', () => {
    const ds = buildDataset(texts, labels, config, groups);
    const model = trainLinear(ds, 2 ** config.bits, { classes: 2, l2: 1e-3, classWeights: 'balanced', maxIterations: 100, tolerance: 1e-9 });
    for (let i = 0; i < ds.n; i++) {
      const z = [model.bias[0]!, model.bias[1]!];
      for (let p = ds.offsets[i]!; p < ds.offsets[i + 1]!; p++) {
        for (let k = 0; k < 2; k++) z[k]! += model.weights[ds.idx[p]! * 2 + k]! * ds.val[p]!;
      }
      expect(z[1]! > z[0]! ? 1 : 0, texts[i]).toBe(labels[i]);
    }
  });

  it('is deterministic: same data, same weights bit for bit', () => {
    const run = () => {
      const ds = buildDataset(texts, labels, config, groups);
      return trainLinear(ds, 2 ** config.bits, { classes: 2, l2: 1e-2, classWeights: 'balanced', maxIterations: 30, tolerance: 1e-9 });
    };
    const a = run();
    const b = run();
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect([...a.bias]).toEqual([...b.bias]);
  });

  it('merges a bucket repeated within a text into one entry with the summed value', () => {
    const ds = buildDataset(['la la la la'], [0], config, groups);
    const row = Array.from(ds.idx.subarray(ds.offsets[0], ds.offsets[1]));
    expect(new Set(row).size).toBe(row.length);
    // "la" four times: its unigram bucket carries 4 x the word value (1 / sqrt(#word features))
    const words = 4 + 3; // unigrams + bigrams
    expect(Math.max(...ds.val.subarray(ds.offsets[0], ds.offsets[1]))).toBeGreaterThanOrEqual(3 / Math.sqrt(words));
  });

  it('Adagrad fits the toy problem, and the same data gives the same weights bit for bit', () => {
    const run = () => trainAdagrad(buildDataset(texts, labels, config, groups), 2 ** config.bits, { classes: 2, l2: 1e-6, classWeights: 'balanced', epochs: 20, learningRate: 0.5 });
    const a = run();
    const ds = buildDataset(texts, labels, config, groups);
    for (let i = 0; i < ds.n; i++) {
      const z = [a.bias[0]!, a.bias[1]!];
      for (let p = ds.offsets[i]!; p < ds.offsets[i + 1]!; p++) {
        for (let k = 0; k < 2; k++) z[k]! += a.weights[ds.idx[p]! * 2 + k]! * ds.val[p]!;
      }
      expect(z[1]! > z[0]! ? 1 : 0, texts[i]).toBe(labels[i]);
    }
    expect(Buffer.from(run().weights.buffer).equals(Buffer.from(a.weights.buffer))).toBe(true);
  });

  it('balances class weights', () => {
    expect(resolveClassWeights(Uint8Array.from([0, 0, 0, 1]), 2, 'balanced')).toEqual([4 / 6, 2]);
    expect(resolveClassWeights(Uint8Array.from([0, 1]), 2, [1, 3])).toEqual([1, 3]);
  });

  it('scales features by naive-Bayes log-count ratios', () => {
    const ds = buildDataset(texts, labels, config, groups);
    const r = naiveBayesScales(ds, 2 ** config.bits, 1);
    expect(r.every((x) => x >= 0)).toBe(true);
    const scaled = scaleDataset(ds, r);
    expect(scaled.val.length).toBe(ds.val.length);
    expect(scaled.idx).toBe(ds.idx);
  });
});
