/**
 * The offline model file: two linear models over the same hashed features.
 *
 * - sentiment: 3-class multinomial logistic regression (negative, neutral, positive)
 * - offensive: binary logistic regression (NB-LR: naive-Bayes ratios folded into the weights)
 * - languages: one 3-class sentiment head per non-English language (ar, de, es, fr, hi, it, pt), on
 *   the same features, so a comment's features are extracted once whatever its language
 *
 * File (`model.json.gz`): gzipped JSON with the feature settings, per-task biases (decision offsets
 * tuned on val already folded in), group weights, and the weights as base64 Int8 arrays, symmetric
 * linear quantisation with one scale per task (and per language). The weights are dense over the 2^bits buckets (gzip
 * takes care of the zeros). `version` = `offline-<release>-<first 8 hex of sha256(weights + biases)>`,
 * so any retraining that changes a weight changes the version.
 *
 * In memory the weights of one bucket sit next to each other (Float32 [neg, neu, pos, offensive]):
 * one cache line per feature lookup.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FeatureConfig, FeatureVector, GroupWeights } from './features.ts';
import { RULE_FEATURES } from './rule-features.ts';

export const MODEL_FORMAT = 'persona-ops/offline-classifier@1';
/** Release label of the model family; the weights hash is appended to it. */
export const MODEL_RELEASE = 'offline-2026.12.1';
export const DEFAULT_MODEL_URL = new URL('./model.json.gz', import.meta.url);

/** Weights per bucket in the in-memory layout. */
export const STRIDE = 4;
export const OFFENSIVE_SLOT = 3;

export interface TaskHead extends GroupWeights {
  /** per-class bias (sentiment: 3, offensive: 1) with the tuned decision offsets folded in */
  readonly bias: readonly number[];
}

export interface OfflineModel {
  readonly version: string;
  readonly features: FeatureConfig;
  readonly sentiment: TaskHead;
  readonly offensive: TaskHead;
  /** the offensive logit's weight of each rule feature, in RULE_FEATURES order (zeros when the file has none) */
  readonly offensiveRules: Float64Array;
  /** buckets * STRIDE, interleaved [neg, neu, pos, offensive] */
  readonly weights: Float32Array;
  /** sentiment heads of the other languages, by ISO 639-1 code */
  readonly languages: ReadonlyMap<string, LanguageHead>;
  /** what the training script recorded: data, hyper-parameters, val metrics */
  readonly training: Readonly<Record<string, unknown>>;
}

/** A non-English sentiment head: weights[bucket * 3 + k] over the model's features. */
export interface LanguageHead extends TaskHead {
  readonly weights: Float32Array;
}

/** What training produces before quantisation. */
export interface TrainedWeights {
  readonly features: FeatureConfig;
  readonly sentiment: TaskHead & { readonly weights: Float64Array };
  readonly offensive: TaskHead & { readonly weights: Float64Array; readonly rules?: Readonly<Record<string, number>> };
  readonly languages?: Readonly<Record<string, TaskHead & { readonly weights: Float64Array }>>;
  readonly training: Readonly<Record<string, unknown>>;
}

interface QuantizedTask extends TaskHead {
  readonly scale: number;
  readonly weights: string;
}

interface ModelFile {
  readonly format: string;
  readonly version: string;
  readonly features: FeatureConfig;
  readonly sentiment: QuantizedTask;
  /** rules: logit weights by rule feature name, full precision (a handful of numbers) */
  readonly offensive: QuantizedTask & { readonly rules?: Record<string, number> };
  readonly languages?: Record<string, QuantizedTask>;
  readonly training: Record<string, unknown>;
}

function quantize(weights: Float64Array): { scale: number; bytes: Int8Array } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const bytes = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) bytes[i] = Math.round(weights[i]! / scale);
  return { scale, bytes };
}

function toBase64(bytes: Int8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Int8Array {
  const buf = Buffer.from(text, 'base64');
  return new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Quantise, hash and gzip. Same input, same bytes (gzip at a fixed level, no timestamps). */
export function encodeModel(trained: TrainedWeights): { bytes: Buffer; version: string } {
  const buckets = 2 ** trained.features.bits;
  if (trained.sentiment.weights.length !== buckets * 3) throw new Error('sentiment weights: wrong length');
  if (trained.offensive.weights.length !== buckets) throw new Error('offensive weights: wrong length');
  const s = quantize(trained.sentiment.weights);
  const o = quantize(trained.offensive.weights);
  const heads = (t: TaskHead) => ({ wordWeight: t.wordWeight, charWeight: t.charWeight, bias: [...t.bias] });
  const rules = trained.offensive.rules;
  for (const name of Object.keys(rules ?? {})) if (!(RULE_FEATURES as readonly string[]).includes(name)) throw new Error(`offensive rules: unknown feature ${name}`);
  const offensiveHead = rules === undefined ? heads(trained.offensive) : { ...heads(trained.offensive), rules: { ...rules } };
  const hasher = createHash('sha256')
    .update(JSON.stringify({ features: trained.features, s: heads(trained.sentiment), o: offensiveHead }))
    .update(new Uint8Array(s.bytes.buffer))
    .update(new Uint8Array(o.bytes.buffer))
    .update(`${s.scale},${o.scale}`);
  const languages: Record<string, QuantizedTask> = {};
  for (const [code, head] of Object.entries(trained.languages ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (head.weights.length !== buckets * 3) throw new Error(`${code} weights: wrong length`);
    const q = quantize(head.weights);
    hasher.update(JSON.stringify({ code, head: heads(head), scale: q.scale })).update(new Uint8Array(q.bytes.buffer));
    languages[code] = { ...heads(head), scale: q.scale, weights: toBase64(q.bytes) };
  }
  const hash = hasher.digest('hex');
  const version = `${MODEL_RELEASE}-${hash.slice(0, 8)}`;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version,
    features: trained.features,
    sentiment: { ...heads(trained.sentiment), scale: s.scale, weights: toBase64(s.bytes) },
    offensive: { ...offensiveHead, scale: o.scale, weights: toBase64(o.bytes) },
    ...(Object.keys(languages).length > 0 ? { languages } : {}),
    training: { ...trained.training },
  };
  return { bytes: gzipSync(JSON.stringify(file), { level: 9 }), version };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberArray(value: unknown, length: number, what: string): number[] {
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => typeof v === 'number')) {
    throw new Error(`offline model: ${what} must be ${length} numbers`);
  }
  return value;
}

function parseTask(value: unknown, classes: number, what: string): QuantizedTask {
  if (!isRecord(value)) throw new Error(`offline model: missing ${what}`);
  const { wordWeight, charWeight, scale, weights } = value;
  if (typeof wordWeight !== 'number' || typeof charWeight !== 'number' || typeof scale !== 'number') {
    throw new Error(`offline model: ${what} needs numeric wordWeight, charWeight and scale`);
  }
  if (typeof weights !== 'string') throw new Error(`offline model: ${what}.weights must be base64`);
  return { wordWeight, charWeight, scale, weights, bias: numberArray(value.bias, classes, `${what}.bias`) };
}

function parseRules(value: unknown): Float64Array {
  const weights = new Float64Array(RULE_FEATURES.length);
  if (value === undefined) return weights;
  if (!isRecord(value)) throw new Error('offline model: offensive.rules must be an object');
  for (const [name, w] of Object.entries(value)) {
    const position = (RULE_FEATURES as readonly string[]).indexOf(name);
    if (position < 0 || typeof w !== 'number') throw new Error(`offline model: offensive.rules.${name} is not a known rule feature with a number`);
    weights[position] = w;
  }
  return weights;
}

/** Parse a gzipped model file. Throws with a readable message on anything unexpected. */
export function decodeModel(gz: Uint8Array): OfflineModel {
  const raw: unknown = JSON.parse(gunzipSync(gz).toString('utf8'));
  if (!isRecord(raw) || raw.format !== MODEL_FORMAT) throw new Error(`offline model: format is not ${MODEL_FORMAT}`);
  if (typeof raw.version !== 'string') throw new Error('offline model: missing version');
  const f = raw.features;
  if (!isRecord(f)) throw new Error('offline model: missing features');
  const { bits, charMin, charMax, bigrams } = f;
  if (typeof bits !== 'number' || typeof charMin !== 'number' || typeof charMax !== 'number' || typeof bigrams !== 'boolean') {
    throw new Error('offline model: bad feature settings');
  }
  const features: FeatureConfig = { bits, charMin, charMax, bigrams };
  const sentiment = parseTask(raw.sentiment, 3, 'sentiment');
  const offensive = parseTask(raw.offensive, 1, 'offensive');
  const buckets = 2 ** bits;
  const sw = fromBase64(sentiment.weights);
  const ow = fromBase64(offensive.weights);
  if (sw.length !== buckets * 3 || ow.length !== buckets) throw new Error('offline model: weight arrays have the wrong size');
  const weights = new Float32Array(buckets * STRIDE);
  for (let b = 0; b < buckets; b++) {
    weights[b * STRIDE] = sw[b * 3]! * sentiment.scale;
    weights[b * STRIDE + 1] = sw[b * 3 + 1]! * sentiment.scale;
    weights[b * STRIDE + 2] = sw[b * 3 + 2]! * sentiment.scale;
    weights[b * STRIDE + OFFENSIVE_SLOT] = ow[b]! * offensive.scale;
  }
  const head = (t: QuantizedTask): TaskHead => ({ wordWeight: t.wordWeight, charWeight: t.charWeight, bias: t.bias });
  const offensiveRules = parseRules(isRecord(raw.offensive) ? raw.offensive.rules : undefined);
  const languages = new Map<string, LanguageHead>();
  if (raw.languages !== undefined) {
    if (!isRecord(raw.languages)) throw new Error('offline model: languages must be an object');
    for (const [code, value] of Object.entries(raw.languages)) {
      const task = parseTask(value, 3, `languages.${code}`);
      const bytes = fromBase64(task.weights);
      if (bytes.length !== buckets * 3) throw new Error(`offline model: languages.${code} weights have the wrong size`);
      const lw = new Float32Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) lw[i] = bytes[i]! * task.scale;
      languages.set(code, { ...head(task), weights: lw });
    }
  }
  return {
    version: raw.version,
    features,
    sentiment: head(sentiment),
    offensive: head(offensive),
    offensiveRules,
    weights,
    languages,
    training: isRecord(raw.training) ? raw.training : {},
  };
}

const cache = new Map<string, OfflineModel>();

/** Load (once per path) the committed model, or the file at `path`. */
export function loadModel(path: string | URL = DEFAULT_MODEL_URL): OfflineModel {
  const key = path.toString();
  let model = cache.get(key);
  if (model === undefined) {
    model = decodeModel(readFileSync(path));
    cache.set(key, model);
  }
  return model;
}

/**
 * Raw scores of one text: out[0..2] sentiment logits (negative, neutral, positive), out[3] offensive
 * logit. Sums the bucket weights of each feature group, then applies each head's group weights.
 */
export function scoreFeatures(model: OfflineModel, fv: FeatureVector, out: Float64Array): void {
  const w = model.weights;
  const idx = fv.idx;
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  for (let i = 0; i < fv.wordCount; i++) {
    const b = idx[i]! * STRIDE;
    w0 += w[b]!;
    w1 += w[b + 1]!;
    w2 += w[b + 2]!;
    w3 += w[b + 3]!;
  }
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let i = fv.wordCount; i < fv.length; i++) {
    const b = idx[i]! * STRIDE;
    c0 += w[b]!;
    c1 += w[b + 1]!;
    c2 += w[b + 2]!;
    c3 += w[b + 3]!;
  }
  const s = model.sentiment;
  const sw = fv.wordScale(s);
  const sc = fv.charScale(s);
  out[0] = s.bias[0]! + sw * w0 + sc * c0;
  out[1] = s.bias[1]! + sw * w1 + sc * c1;
  out[2] = s.bias[2]! + sw * w2 + sc * c2;
  const o = model.offensive;
  out[3] = o.bias[0]! + fv.wordScale(o) * w3 + fv.charScale(o) * c3;
}

/** Sentiment logits of a language head into out[0..2], replacing the English ones. */
export function scoreLanguage(head: LanguageHead, fv: FeatureVector, out: Float64Array): void {
  const w = head.weights;
  const idx = fv.idx;
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  for (let i = 0; i < fv.wordCount; i++) {
    const b = idx[i]! * 3;
    w0 += w[b]!;
    w1 += w[b + 1]!;
    w2 += w[b + 2]!;
  }
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  for (let i = fv.wordCount; i < fv.length; i++) {
    const b = idx[i]! * 3;
    c0 += w[b]!;
    c1 += w[b + 1]!;
    c2 += w[b + 2]!;
  }
  const sw = fv.wordScale(head);
  const sc = fv.charScale(head);
  out[0] = head.bias[0]! + sw * w0 + sc * c0;
  out[1] = head.bias[1]! + sw * w1 + sc * c1;
  out[2] = head.bias[2]! + sw * w2 + sc * c2;
}

/** In-place softmax over out[0..n). */
export function softmax(out: Float64Array, n: number): void {
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (out[k]! > max) max = out[k]!;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const e = Math.exp(out[k]! - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < n; k++) out[k]! /= sum;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
