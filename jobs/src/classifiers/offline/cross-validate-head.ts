/**
 * k-fold cross-validation of a head recipe over the pool, then one model trained on the whole pool
 * and scored on the held-back slice (which no choice was ever made on).
 */
import { evaluationSplit, type LabelledTexts, spread, type Spread } from './cross-validation.ts';
import { evaluate, type Report } from './evaluation.ts';
import type { FeatureConfig } from './features.ts';
import { buildHeadDataset, fitHead, type HeadRecipe, predictRows, subsetDataset } from './head-training.ts';

export interface CrossValidation {
  readonly folds: readonly Report[];
  readonly macroRecall: Spread;
  readonly macroF1: Spread;
  /** per class, in label order */
  readonly recall: readonly Spread[];
  /** the recipe trained on the whole pool, scored on the held-back slice; undefined when skipped */
  readonly heldBack: Report | undefined;
  readonly poolSize: number;
  readonly heldBackSize: number;
  readonly seconds: number;
}

export interface CrossValidateOptions {
  readonly k: number;
  readonly heldBack: boolean;
  readonly log?: (line: string) => void;
}

export function crossValidateHead(
  data: LabelledTexts,
  labels: readonly string[],
  features: FeatureConfig,
  recipe: HeadRecipe,
  options: CrossValidateOptions,
): CrossValidation {
  const started = performance.now();
  const { pool, heldBack } = evaluationSplit(data, options.k);
  const ds = buildHeadDataset(pool.texts, pool.labels, features, recipe);
  const folds: Report[] = [];
  for (let f = 0; f < options.k; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    pool.folds.forEach((fold, i) => (fold === f ? testRows : trainRows).push(i));
    const head = fitHead(subsetDataset(ds, trainRows), features, recipe);
    const test = subsetDataset(ds, testRows);
    const report = evaluate(Array.from(test.labels), predictRows(head, test), labels);
    folds.push(report);
    options.log?.(`  fold ${f + 1}/${options.k}: macro recall ${report.macroRecall.toFixed(4)} macro F1 ${report.macroF1.toFixed(4)} (${head.iterations} iterations)`);
  }
  let heldBackReport: Report | undefined;
  if (options.heldBack) {
    const head = fitHead(ds, features, recipe);
    const test = buildHeadDataset(heldBack.texts, heldBack.labels, features, recipe);
    heldBackReport = evaluate(heldBack.labels, predictRows(head, test), labels);
  }
  return {
    folds,
    macroRecall: spread(folds.map((r) => r.macroRecall)),
    macroF1: spread(folds.map((r) => r.macroF1)),
    recall: labels.map((_, c) => spread(folds.map((r) => r.classes[c]?.recall ?? 0))),
    heldBack: heldBackReport,
    poolSize: pool.texts.length,
    heldBackSize: heldBack.texts.length,
    seconds: (performance.now() - started) / 1000,
  };
}
