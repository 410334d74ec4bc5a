import { describe, expect, it } from 'vitest';
import { evaluationSplit, foldOf, formatSpread, isHeldBack, spread } from './cross-validation.ts';

const texts = Array.from({ length: 5000 }, (_, i) => `comment number ${i} about the look`);
const labels = texts.map((_, i) => i % 3);

describe('evaluation split', () => {
  it('holds back about one text in ten and spreads the rest over k folds of similar size', () => {
    const { pool, heldBack } = evaluationSplit({ texts, labels }, 5);
    expect(heldBack.texts.length / texts.length).toBeGreaterThan(0.08);
    expect(heldBack.texts.length / texts.length).toBeLessThan(0.12);
    expect(pool.texts.length + heldBack.texts.length).toBe(texts.length);
    const sizes = [0, 1, 2, 3, 4].map((f) => pool.folds.filter((x) => x === f).length);
    for (const size of sizes) expect(size / pool.texts.length).toBeGreaterThan(0.17);
  });

  it('decides by the text alone: same text, same place, whatever its position or the data around it', () => {
    const text = texts[1234]!;
    const alone = evaluationSplit({ texts: [text], labels: [0] });
    expect(alone.heldBack.texts.length === 1).toBe(isHeldBack(text));
    if (!isHeldBack(text)) expect(alone.pool.folds[0]).toBe(foldOf(text));
    const reversed = evaluationSplit({ texts: [...texts].reverse(), labels: [...labels].reverse() });
    expect(new Set(reversed.heldBack.texts)).toEqual(new Set(evaluationSplit({ texts, labels }).heldBack.texts));
  });

  it('keeps each text with its label', () => {
    const { pool, heldBack } = evaluationSplit({ texts, labels });
    pool.texts.forEach((t, i) => expect(pool.labels[i]).toBe(labels[texts.indexOf(t)]));
    heldBack.texts.forEach((t, i) => expect(heldBack.labels[i]).toBe(labels[texts.indexOf(t)]));
  });
});

describe('spread', () => {
  it('is the mean and sample standard deviation over the folds', () => {
    const s = spread([0.6, 0.62, 0.64]);
    expect(s.mean).toBeCloseTo(0.62, 12);
    expect(s.sd).toBeCloseTo(0.02, 12);
    expect([s.min, s.max]).toEqual([0.6, 0.64]);
    expect(formatSpread(s)).toBe('62.0 ± 2.0');
  });
});
