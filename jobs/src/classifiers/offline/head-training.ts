/**
 * One recipe for training a linear head (sentiment or offensive, any language), shared by the
 * training script and the cross-validation so that what is evaluated is exactly what is shipped.
 *
 * Recipe: hashed word + char n-gram features (features.ts), optionally NB-scaled (NB-LR, Wang &
 * Manning 2012; for more than two classes each bucket takes its largest one-vs-rest log-count ratio),
 * L2 multinomial logistic regression by L-BFGS from zero, class-balanced loss. No decision offsets
 * tuned on held-out data: the class balance of the loss is the only prior correction.
 */
import type { FeatureConfig, GroupWeights } from './features.ts';
import { normalizeForRules } from './normalize.ts';
import { RULE_FEATURES, ruleFeaturePositions, ruleFindings } from './rule-features.ts';
import { buildDataset, type Dataset, naiveBayesScales, scaleDataset, trainAdagrad, trainLinear } from './trainer.ts';

export interface HeadRecipe extends GroupWeights {
  readonly classes: number;
  readonly l2: number;
  /** NB smoothing; 0 = plain logistic regression */
  readonly nbAlpha: number;
  /** 'lbfgs': to convergence (maxIterations, tolerance); 'adagrad': `epochs` passes at `learningRate` */
  readonly optimizer?: 'lbfgs' | 'adagrad';
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  /** value of each rule feature (rule-features.ts) found in a text; 0 or absent = no rule features */
  readonly ruleWeight?: number;
}

/**
 * A trained head on raw (unscaled) features: logit_k = bias[k] + sum value * weights[bucket * classes + k].
 * With rule features, the weights run past the hashed buckets: RULE_FEATURES.length more rows.
 */
export interface TrainedHead {
  readonly classes: number;
  readonly weights: Float64Array;
  readonly bias: number[];
  readonly iterations: number;
}

/** Rows `rows` of a dataset (features are per text, so one extraction serves every fold). */
export function subsetDataset(ds: Dataset, rows: readonly number[]): Dataset {
  let nnz = 0;
  for (const r of rows) nnz += ds.offsets[r + 1]! - ds.offsets[r]!;
  const offsets = new Int32Array(rows.length + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  const labels = new Uint8Array(rows.length);
  let at = 0;
  rows.forEach((r, i) => {
    const start = ds.offsets[r]!;
    const end = ds.offsets[r + 1]!;
    idx.set(ds.idx.subarray(start, end), at);
    val.set(ds.val.subarray(start, end), at);
    at += end - start;
    offsets[i + 1] = at;
    labels[i] = ds.labels[r]!;
  });
  return { n: rows.length, offsets, idx, val, labels };
}

/** NB scales for `classes` classes: binary as in trainer.ts, else the max one-vs-rest ratio. */
export function multiclassNaiveBayesScales(ds: Dataset, buckets: number, classes: number, alpha: number): Float64Array {
  if (classes === 2) return naiveBayesScales(ds, buckets, alpha);
  const r = new Float64Array(buckets);
  for (let c = 0; c < classes; c++) {
    const oneVsRest = { ...ds, labels: ds.labels.map((y) => (y === c ? 1 : 0)) };
    const rc = naiveBayesScales(oneVsRest, buckets, alpha);
    for (let b = 0; b < buckets; b++) if (rc[b]! > r[b]!) r[b] = rc[b]!;
  }
  return r;
}

/** Hashed buckets plus, when the recipe takes them, one row per rule feature. */
export function headFeatureCount(features: FeatureConfig, recipe: HeadRecipe): number {
  return 2 ** features.bits + ((recipe.ruleWeight ?? 0) > 0 ? RULE_FEATURES.length : 0);
}

export function buildHeadDataset(texts: readonly string[], labels: readonly number[], features: FeatureConfig, recipe: HeadRecipe): Dataset {
  const ds = buildDataset(texts, labels, features, recipe);
  const ruleWeight = recipe.ruleWeight ?? 0;
  return ruleWeight > 0 ? withRuleFeatures(ds, texts, 2 ** features.bits, ruleWeight) : ds;
}

/** `ds` with each text's rule features appended at index buckets + position. */
function withRuleFeatures(ds: Dataset, texts: readonly string[], buckets: number, value: number): Dataset {
  const positions = texts.map((text) => ruleFeaturePositions(ruleFindings(text, normalizeForRules(text))));
  const nnz = ds.idx.length + positions.reduce((a, p) => a + p.length, 0);
  const offsets = new Int32Array(ds.n + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let at = 0;
  for (let i = 0; i < ds.n; i++) {
    const start = ds.offsets[i]!;
    const end = ds.offsets[i + 1]!;
    idx.set(ds.idx.subarray(start, end), at);
    val.set(ds.val.subarray(start, end), at);
    at += end - start;
    for (const p of positions[i]!) {
      idx[at] = buckets + p;
      val[at] = value;
      at++;
    }
    offsets[i + 1] = at;
  }
  return { n: ds.n, offsets, idx, val, labels: ds.labels };
}

export function fitHead(ds: Dataset, features: FeatureConfig, recipe: HeadRecipe, log?: (line: string) => void): TrainedHead {
  const buckets = headFeatureCount(features, recipe);
  const K = recipe.classes;
  const nb = recipe.nbAlpha > 0 ? multiclassNaiveBayesScales(ds, buckets, K, recipe.nbAlpha) : undefined;
  const data = nb === undefined ? ds : scaleDataset(ds, nb);
  const model = recipe.optimizer === 'adagrad'
    ? trainAdagrad(data, buckets, { classes: K, l2: recipe.l2, classWeights: 'balanced', epochs: recipe.epochs ?? 5, learningRate: recipe.learningRate ?? 0.1 })
    : trainLinear(data, buckets, {
      classes: K,
      l2: recipe.l2,
      classWeights: 'balanced',
      maxIterations: recipe.maxIterations,
      tolerance: recipe.tolerance,
      ...(log === undefined ? {} : { log }),
    });
  const weights = new Float64Array(buckets * K);
  for (let b = 0; b < buckets; b++) {
    const s = nb?.[b] ?? 1;
    for (let k = 0; k < K; k++) weights[b * K + k] = model.weights[b * K + k]! * s;
  }
  return { classes: K, weights, bias: [...model.bias], iterations: model.iterations };
}

/** Logits of row `row` of `ds` under `head` into out[0..classes). */
export function headLogits(head: TrainedHead, ds: Dataset, row: number, out: Float64Array): void {
  const K = head.classes;
  for (let k = 0; k < K; k++) out[k] = head.bias[k]!;
  for (let j = ds.offsets[row]!; j < ds.offsets[row + 1]!; j++) {
    const base = ds.idx[j]! * K;
    const v = ds.val[j]!;
    for (let k = 0; k < K; k++) out[k]! += head.weights[base + k]! * v;
  }
}

/** Arg-max class of every row. */
export function predictRows(head: TrainedHead, ds: Dataset): number[] {
  const out = new Float64Array(head.classes);
  const predicted: number[] = [];
  for (let i = 0; i < ds.n; i++) {
    headLogits(head, ds, i, out);
    let best = 0;
    for (let k = 1; k < head.classes; k++) if (out[k]! > out[best]!) best = k;
    predicted.push(best);
  }
  return predicted;
}
