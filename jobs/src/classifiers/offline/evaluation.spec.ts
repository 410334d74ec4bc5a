import { describe, expect, it } from 'vitest';
import { evaluate, formatReport } from './evaluation.ts';

describe('evaluation', () => {
  it('computes macro recall, macro-F1 and the confusion matrix', () => {
    const r = evaluate([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], ['neg', 'neu', 'pos']);
    expect(r.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(r.macroRecall).toBeCloseTo((0.5 + 1 + 0.5) / 3);
    expect(r.classes[1]?.precision).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(formatReport('t', r)).toContain('macro recall 0.6667');
  });
});
