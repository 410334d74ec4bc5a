/**
 * Training for the offline linear models: L2-regularised multinomial logistic regression on hashed
 * features, optimised full-batch with L-BFGS. No randomness at all (no shuffling, no sampling, zero
 * initialisation), so the same data and options always give the same weights, bit for bit.
 *
 * Used by `jobs/scripts/train-offline.ts`; nothing here runs in the classifier's hot path.
 */
import { type FeatureConfig, FeatureVector, type GroupWeights, extractFeatures, fmix32 } from './features.ts';

/** Texts turned into a CSR matrix of hashed features, with their labels. */
export interface Dataset {
  readonly n: number;
  /** row i spans [offsets[i], offsets[i+1]) in idx/val */
  readonly offsets: Int32Array;
  readonly idx: Int32Array;
  readonly val: Float32Array;
  readonly labels: Uint8Array;
}

export function buildDataset(
  texts: readonly string[],
  labels: readonly number[],
  config: FeatureConfig,
  groups: GroupWeights,
): Dataset {
  if (texts.length !== labels.length) throw new Error(`texts (${texts.length}) and labels (${labels.length}) differ`);
  const fv = new FeatureVector();
  const offsets = new Int32Array(texts.length + 1);
  let idx = new Int32Array(1 << 20);
  let val = new Float32Array(1 << 20);
  let nnz = 0;
  for (let i = 0; i < texts.length; i++) {
    extractFeatures(texts[i] ?? '', config, fv);
    if (nnz + fv.length > idx.length) {
      const cap = Math.max(idx.length * 2, nnz + fv.length);
      const idx2 = new Int32Array(cap);
      idx2.set(idx.subarray(0, nnz));
      const val2 = new Float32Array(cap);
      val2.set(val.subarray(0, nnz));
      idx = idx2;
      val = val2;
    }
    nnz = appendMerged(fv, fv.wordScale(groups), fv.charScale(groups), idx, val, nnz);
    offsets[i + 1] = nnz;
  }
  return { n: texts.length, offsets, idx: idx.slice(0, nnz), val: val.slice(0, nnz), labels: Uint8Array.from(labels) };
}

/**
 * Append one text's features to idx/val with repeated buckets merged (values summed): the same
 * linear function with fewer entries ("the" repeats " th", "the", "he " in a tweet), which is what
 * every optimisation pass iterates over.
 */
function appendMerged(fv: FeatureVector, wordValue: number, charValue: number, idx: Int32Array, val: Float32Array, nnz: number): number {
  const order = Array.from({ length: fv.length }, (_, i) => i).sort((a, b) => fv.idx[a]! - fv.idx[b]! || a - b);
  let at = nnz;
  let last = -1;
  for (const i of order) {
    const bucket = fv.idx[i]!;
    const value = i < fv.wordCount ? wordValue : charValue;
    if (bucket === last) {
      val[at - 1]! += value;
    } else {
      idx[at] = bucket;
      val[at] = value;
      at++;
      last = bucket;
    }
  }
  return at;
}

/**
 * NB-LR (Wang & Manning 2012, with logistic regression instead of an SVM) for a binary task:
 * the magnitude of the smoothed log-count ratio of every bucket, |log((p_b/|p|) / (q_b/|q|))|, with
 * p_b / q_b the number of positive / negative texts that contain bucket b, plus `alpha`.
 * Features are multiplied by it before training; the trained weights are multiplied by it after, so
 * the shipped model is an ordinary linear model on the raw features.
 */
export function naiveBayesScales(ds: Dataset, buckets: number, alpha: number): Float64Array {
  const p = new Float64Array(buckets).fill(alpha);
  const q = new Float64Array(buckets).fill(alpha);
  const lastSeen = new Int32Array(buckets).fill(-1);
  for (let i = 0; i < ds.n; i++) {
    const counts = ds.labels[i] === 1 ? p : q;
    for (let j = ds.offsets[i]!; j < ds.offsets[i + 1]!; j++) {
      const b = ds.idx[j]!;
      if (lastSeen[b] === i) continue; // binarised: once per text
      lastSeen[b] = i;
      counts[b]! += 1;
    }
  }
  let sp = 0;
  let sq = 0;
  for (let b = 0; b < buckets; b++) {
    sp += p[b]!;
    sq += q[b]!;
  }
  const r = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) r[b] = Math.abs(Math.log(p[b]! / sp / (q[b]! / sq)));
  return r;
}

/** A copy of `ds` with every feature value multiplied by scales[bucket]. */
export function scaleDataset(ds: Dataset, scales: Float64Array): Dataset {
  const val = new Float32Array(ds.val.length);
  for (let j = 0; j < val.length; j++) val[j] = ds.val[j]! * scales[ds.idx[j]!]!;
  return { ...ds, val };
}

export interface TrainOptions {
  readonly classes: number;
  /** L2 penalty on the weights (not the biases) */
  readonly l2: number;
  /** per-class loss weights; 'balanced' = n / (classes * count[class]) */
  readonly classWeights: readonly number[] | 'balanced';
  readonly maxIterations: number;
  /** stop when the relative decrease of the objective over 5 iterations is below this */
  readonly tolerance: number;
  readonly history?: number;
  readonly log?: (line: string) => void;
}

export interface LinearModel {
  readonly classes: number;
  readonly buckets: number;
  /** weights[bucket * classes + k] */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly iterations: number;
  readonly objective: number;
}

export function resolveClassWeights(labels: Uint8Array, classes: number, spec: TrainOptions['classWeights']): number[] {
  if (spec !== 'balanced') return [...spec];
  const counts = new Array<number>(classes).fill(0);
  for (const y of labels) counts[y] = (counts[y] ?? 0) + 1;
  return counts.map((c) => (c === 0 ? 0 : labels.length / (classes * c)));
}

/**
 * Fit multinomial logistic regression. Buckets that never occur in the data keep weight 0 (they are
 * compacted away during the optimisation).
 */
export function trainLinear(ds: Dataset, buckets: number, options: TrainOptions): LinearModel {
  const K = options.classes;
  const log = options.log ?? (() => {});
  // Compact the used buckets, most frequent first (keeps the hot weights together in cache).
  const counts = new Int32Array(buckets);
  for (const b of ds.idx) counts[b]!++;
  const used: number[] = [];
  for (let b = 0; b < buckets; b++) if (counts[b]! > 0) used.push(b);
  used.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const map = new Int32Array(buckets).fill(-1);
  used.forEach((b, i) => {
    map[b] = i;
  });
  const D = used.length;
  const cidx = new Int32Array(ds.idx.length);
  for (let i = 0; i < ds.idx.length; i++) cidx[i] = map[ds.idx[i]!]!;

  const cw = resolveClassWeights(ds.labels, K, options.classWeights);
  let totalWeight = 0;
  for (const y of ds.labels) totalWeight += cw[y] ?? 0;
  const dim = D * K + K;
  const l2 = options.l2;
  const z = new Float64Array(K);

  const { offsets, val, labels } = ds;
  const zBias = D * K;
  // Hot loop: indices are in range by construction, hence the non-null assertions.
  const evaluate = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < ds.n; i++) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      for (let k = 0; k < K; k++) z[k] = w[zBias + k]!;
      if (K === 3) {
        // the sentiment case unrolled: most of the training time is spent in these two loops
        let z0 = 0;
        let z1 = 0;
        let z2 = 0;
        for (let p = start; p < end; p++) {
          const base = cidx[p]! * 3;
          const v = val[p]!;
          z0 += w[base]! * v;
          z1 += w[base + 1]! * v;
          z2 += w[base + 2]! * v;
        }
        z[0]! += z0;
        z[1]! += z1;
        z[2]! += z2;
      } else {
        for (let p = start; p < end; p++) {
          const base = cidx[p]! * K;
          const v = val[p]!;
          for (let k = 0; k < K; k++) z[k]! += w[base + k]! * v;
        }
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (z[k]! > max) max = z[k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(z[k]! - max);
        z[k] = e;
        sum += e;
      }
      const y = labels[i]!;
      const c = cw[y]! / totalWeight;
      loss -= c * Math.log(z[y]! / sum);
      for (let k = 0; k < K; k++) z[k] = c * (z[k]! / sum - (k === y ? 1 : 0));
      if (K === 3) {
        const g0 = z[0]!;
        const g1 = z[1]!;
        const g2 = z[2]!;
        for (let p = start; p < end; p++) {
          const base = cidx[p]! * 3;
          const v = val[p]!;
          grad[base]! += g0 * v;
          grad[base + 1]! += g1 * v;
          grad[base + 2]! += g2 * v;
        }
      } else {
        for (let p = start; p < end; p++) {
          const base = cidx[p]! * K;
          const v = val[p]!;
          for (let k = 0; k < K; k++) grad[base + k]! += z[k]! * v;
        }
      }
      for (let k = 0; k < K; k++) grad[zBias + k]! += z[k]!;
    }
    let reg = 0;
    for (let j = 0; j < zBias; j++) {
      const wj = w[j]!;
      reg += wj * wj;
      grad[j]! += l2 * wj;
    }
    return loss + 0.5 * l2 * reg;
  };

  const w = new Float64Array(dim);
  const { iterations, objective } = lbfgs(w, evaluate, {
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
    history: options.history ?? 10,
    log,
  });

  const weights = new Float64Array(buckets * K);
  for (let j = 0; j < D; j++) {
    const b = used[j] ?? 0;
    for (let k = 0; k < K; k++) weights[b * K + k] = w[j * K + k] ?? 0;
  }
  return { classes: K, buckets, weights, bias: w.slice(D * K), iterations, objective };
}

interface LbfgsOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly history: number;
  readonly log: (line: string) => void;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** a += c * b */
function axpy(a: Float64Array, c: number, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i]! += c * b[i]!;
}

/**
 * Minimise `f` with L-BFGS (two-loop recursion, backtracking line search on the Armijo condition).
 * `w` is updated in place.
 */
export function lbfgs(
  w: Float64Array,
  f: (w: Float64Array, grad: Float64Array) => number,
  options: LbfgsOptions,
): { iterations: number; objective: number } {
  const n = w.length;
  const m = options.history;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let g = new Float64Array(n);
  let fx = f(w, g);
  const dir = new Float64Array(n);
  const wNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const past: number[] = [fx];
  let it = 0;
  for (; it < options.maxIterations; it++) {
    // two-loop recursion: dir = -H g
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let j = s.length - 1; j >= 0; j--) {
      const a = (rho[j] ?? 0) * dot(s[j] as Float64Array, dir);
      alpha[j] = a;
      axpy(dir, a, y[j] as Float64Array);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const yy = dot(y[last] as Float64Array, y[last] as Float64Array);
      const gamma = 1 / ((rho[last] ?? 1) * yy);
      for (let i = 0; i < n; i++) dir[i]! *= gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) dir[i]! /= Math.max(gn, 1e-12);
    }
    for (let j = 0; j < s.length; j++) {
      const b = (rho[j] ?? 0) * dot(y[j] as Float64Array, dir);
      axpy(dir, (alpha[j] ?? 0) - b, s[j] as Float64Array);
    }
    let gd = dot(g, dir);
    if (gd >= 0) {
      // not a descent direction: restart from steepest descent
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -(g[i] ?? 0);
      gd = dot(g, dir);
    }
    let step = 1;
    let fNew: number;
    for (let tries = 0; ; tries++) {
      wNew.set(w);
      axpy(wNew, step, dir);
      fNew = f(wNew, gNew);
      if (fNew <= fx + 1e-4 * step * gd || tries >= 30) break;
      step *= 0.5;
    }
    const sv = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sv[i] = wNew[i]! - w[i]!;
      yv[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sv, yv);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sv);
      y.push(yv);
      rho.push(1 / sy);
    }
    w.set(wNew);
    const tmp = g;
    g = gNew;
    gNew = tmp;
    fx = fNew;
    past.push(fx);
    if ((it + 1) % 10 === 0) options.log(`  iter ${it + 1}: objective ${fx.toFixed(6)}`);
    const ref = past[past.length - 6];
    if (ref !== undefined && (ref - fx) / Math.max(Math.abs(fx), 1e-12) < options.tolerance) {
      it++;
      break;
    }
  }
  return { iterations: it, objective: fx };
}

export interface AdagradOptions {
  readonly classes: number;
  /** L2 penalty, applied to the weights of the features each example touches */
  readonly l2: number;
  readonly classWeights: readonly number[] | 'balanced';
  readonly epochs: number;
  readonly learningRate: number;
}

/**
 * Multinomial logistic regression by Adagrad, a few passes over the data: tens of times cheaper
 * than L-BFGS to convergence (each pass costs one objective evaluation), which is what makes
 * k-fold cross-validation affordable. Deterministic: the order of every epoch is a fixed
 * permutation (rows sorted by a hash of their index and the epoch), weights start at zero.
 */
export function trainAdagrad(ds: Dataset, buckets: number, options: AdagradOptions): LinearModel {
  const K = options.classes;
  const cw = resolveClassWeights(ds.labels, K, options.classWeights);
  const weights = new Float64Array(buckets * K);
  const squares = new Float64Array(buckets * K);
  const bias = new Float64Array(K);
  const biasSquares = new Float64Array(K);
  const z = new Float64Array(K);
  const { offsets, idx, val, labels } = ds;
  const eta = options.learningRate;
  const l2 = options.l2;
  const order = Int32Array.from({ length: ds.n }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const key = Uint32Array.from(order, (i) => fmix32(Math.imul(i + 1, 0x9e3779b1) ^ (epoch * 0x85ebca6b)));
    order.sort((a, b) => key[a]! - key[b]! || a - b);
    for (const i of order) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      for (let k = 0; k < K; k++) z[k] = bias[k]!;
      for (let p = start; p < end; p++) {
        const base = idx[p]! * K;
        const v = val[p]!;
        for (let k = 0; k < K; k++) z[k]! += weights[base + k]! * v;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (z[k]! > max) max = z[k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      const y = labels[i]!;
      const c = cw[y]!;
      for (let k = 0; k < K; k++) z[k] = c * (z[k]! / sum - (k === y ? 1 : 0));
      for (let p = start; p < end; p++) {
        const base = idx[p]! * K;
        const v = val[p]!;
        for (let k = 0; k < K; k++) {
          const j = base + k;
          const g = z[k]! * v + l2 * weights[j]!;
          squares[j]! += g * g;
          weights[j]! -= (eta * g) / (Math.sqrt(squares[j]!) + 1e-8);
        }
      }
      for (let k = 0; k < K; k++) {
        const g = z[k]!;
        biasSquares[k]! += g * g;
        bias[k]! -= (eta * g) / (Math.sqrt(biasSquares[k]!) + 1e-8);
      }
    }
  }
  return { classes: K, buckets, weights, bias, iterations: options.epochs, objective: Number.NaN };
}
