/**
 * Train the offline comment classifier's model, reproducibly.
 *
 *   node jobs/scripts/train-offline.ts [--out path/to/model.json.gz]
 *
 * Reads train + val of jobs/data (OFFLINE_DATA_DIR overrides), sets the held-back slice aside
 * (cross-validation.ts: one text in ten by a hash of the text) and trains the recipe of recipe.ts on
 * the rest: sentiment, offensive, and one sentiment head per language of multilingual/ (those of
 * SHIPPED_LANGUAGES go into the model). No decision offsets are tuned on anything: the
 * class-balanced loss is the only prior correction. L-BFGS from zero, no randomness, so the same
 * data gives a byte-identical file. Then it scores the written model on the held-back slices and
 * records those figures in the model's `training` section (not part of its version hash).
 *
 * Cross-validated figures of the same recipe: node jobs/scripts/evaluate-offline.ts --cv
 *
 *   node jobs/scripts/train-offline.ts --only offensive
 *     retrains the offensive head alone and keeps the sentiment and language heads of the committed
 *     model (their int8 weights re-quantise to the same bytes): what a full run would give when only
 *     the offensive recipe or the rules changed, in a fraction of the time
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluationSplit, type LabelledTexts } from '../src/classifiers/offline/cross-validation.ts';
import { MULTILINGUAL_FOLDERS, readAll, readLanguageSplit, readSplit, resolveDataDir } from '../src/classifiers/offline/dataset-files.ts';
import { formatReport, type Report } from '../src/classifiers/offline/evaluation.ts';
import type { FeatureConfig } from '../src/classifiers/offline/features.ts';
import { buildHeadDataset, fitHead, type HeadRecipe, type TrainedHead } from '../src/classifiers/offline/head-training.ts';
import { heldBackReports } from '../src/classifiers/offline/held-back.ts';
import { decodeModel, encodeModel, loadModel, type OfflineModel, STRIDE, type TrainedWeights } from '../src/classifiers/offline/model.ts';
import { recipeFromEnv, SHIPPED_LANGUAGES } from '../src/classifiers/offline/recipe.ts';
import { RULE_FEATURES } from '../src/classifiers/offline/rule-features.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const repoModelPath = path.resolve(import.meta.dirname, '../src/classifiers/offline/model.json.gz');
const outPath = path.resolve(argValue('--out') ?? repoModelPath);
const dataDir = resolveDataDir();
const recipe = recipeFromEnv();
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function trainOnPool(name: string, data: LabelledTexts, features: FeatureConfig, head: HeadRecipe): TrainedHead {
  const { pool, heldBack } = evaluationSplit(data);
  log(`[${seconds()}s] ${name}: ${pool.texts.length} texts (${heldBack.texts.length} held back)`);
  const trained = fitHead(buildHeadDataset(pool.texts, pool.labels, features, head), features, head);
  log(`[${seconds()}s] ${name}: ${trained.iterations} ${head.optimizer === 'adagrad' ? 'Adagrad passes' : 'L-BFGS iterations'}`);
  return trained;
}

const buckets = 2 ** recipe.features.bits;
const offensiveOnly = argValue('--only') === 'offensive';
if (argValue('--only') !== undefined && !offensiveOnly) throw new Error('--only takes offensive');

/** A sentiment head of the committed model, as training would hand it over (slot k of `stride`). */
function keptHead(bias: readonly number[], weights: Float32Array, stride: number): { bias: number[]; weights: Float64Array; iterations: number } {
  const out = new Float64Array(buckets * 3);
  for (let b = 0; b < buckets; b++) for (let k = 0; k < 3; k++) out[b * 3 + k] = weights[b * stride + k]!;
  return { bias: [...bias], weights: out, iterations: 0 };
}
const kept: OfflineModel | undefined = offensiveOnly ? loadModel() : undefined;
if (kept !== undefined && JSON.stringify(kept.features) !== JSON.stringify(recipe.features)) throw new Error('--only offensive: the feature settings changed, retrain everything');

const sentiment = kept === undefined
  ? trainOnPool('sentiment', readAll((s) => readSplit('sentiment', s, dataDir)), recipe.features, recipe.sentiment)
  : { ...keptHead(kept.sentiment.bias, kept.weights, STRIDE), iterations: Number((kept.training.iterations as { sentiment?: number } | undefined)?.sentiment ?? 0) };
const offensive = trainOnPool('offensive', readAll((s) => readSplit('offensive', s, dataDir)), recipe.features, recipe.offensive);
// two-class softmax -> one logistic weight per bucket (w1 - w0); rule features sit past the buckets
const offensiveWeights = new Float64Array(buckets);
for (let b = 0; b < buckets; b++) offensiveWeights[b] = offensive.weights[b * 2 + 1]! - offensive.weights[b * 2]!;
const ruleWeight = recipe.offensive.ruleWeight ?? 0;
const offensiveRules = ruleWeight > 0
  ? Object.fromEntries(RULE_FEATURES.map((name, p) => [name, ruleWeight * (offensive.weights[(buckets + p) * 2 + 1]! - offensive.weights[(buckets + p) * 2]!)]))
  : undefined;

const languages: Record<string, TrainedWeights['sentiment']> = {};
for (const language of SHIPPED_LANGUAGES) {
  const keptLanguage = kept?.languages.get(language);
  if (kept !== undefined && keptLanguage === undefined) throw new Error(`--only offensive: the committed model has no ${language} head`);
  const head = keptLanguage !== undefined
    ? keptHead(keptLanguage.bias, keptLanguage.weights, 3)
    : trainOnPool(language, readAll((s) => readLanguageSplit(language, s, dataDir)), recipe.features, recipe.languages);
  languages[language] = { wordWeight: recipe.languages.wordWeight, charWeight: recipe.languages.charWeight, bias: head.bias, weights: head.weights };
}

const dataFiles = [
  'sentiment/train_text.txt', 'sentiment/train_labels.txt', 'sentiment/val_text.txt', 'sentiment/val_labels.txt',
  'offensive/train_text.txt', 'offensive/train_labels.txt', 'offensive/val_text.txt', 'offensive/val_labels.txt',
  ...SHIPPED_LANGUAGES.flatMap((l) => ['train_text.txt', 'train_labels.txt', 'val_text.txt', 'val_labels.txt'].map((f) => `multilingual/${MULTILINGUAL_FOLDERS[l]}/${f}`)),
];
const trained = (training: Record<string, unknown>): TrainedWeights => ({
  features: recipe.features,
  sentiment: { wordWeight: recipe.sentiment.wordWeight, charWeight: recipe.sentiment.charWeight, bias: sentiment.bias, weights: sentiment.weights },
  offensive: {
    wordWeight: recipe.offensive.wordWeight,
    charWeight: recipe.offensive.charWeight,
    bias: [offensive.bias[1]! - offensive.bias[0]!],
    weights: offensiveWeights,
    ...(offensiveRules === undefined ? {} : { rules: offensiveRules }),
  },
  languages,
  training,
});

const trainingSeconds = seconds();
const held = heldBackReports(decodeModel(encodeModel(trained({})).bytes));
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const summary = (r: Report) => ({ macroRecall: round(r.macroRecall), macroF1: round(r.macroF1), recall: r.classes.map((c) => round(c.recall)) });
const { bytes, version } = encodeModel(trained({
  data: Object.fromEntries(dataFiles.map((f) => [f, sha256File(path.join(dataDir, f))])),
  recipe,
  iterations: { sentiment: sentiment.iterations, offensive: offensive.iterations },
  // no training time in the file: the same data must give the same bytes (it is printed below)
  ...(kept === undefined ? {} : { sentimentAndLanguagesKeptFrom: kept.version }),
  heldBack: {
    sentiment: summary(held.sentiment),
    offensive: summary(held.offensive),
    languages: Object.fromEntries(Object.entries(held.languages).map(([l, r]) => [l, summary(r.head ?? r.classifier)])),
  },
}));
writeFileSync(outPath, bytes);

console.log(formatReport('sentiment (held back)', held.sentiment));
console.log(formatReport('offensive (held back)', held.offensive));
for (const [language, r] of Object.entries(held.languages)) {
  console.log(`${language} (held back): head ${r.head === undefined ? 'not shipped' : `macro F1 ${r.head.macroF1.toFixed(4)}`}; through the classifier macro F1 ${r.classifier.macroF1.toFixed(4)}`);
}
console.log(`model ${version} -> ${outPath} (${(bytes.length / 1024).toFixed(0)} KiB, sha256 ${createHash('sha256').update(bytes).digest('hex')})`);
console.log(`training time ${trainingSeconds}s (held-back scoring included: ${seconds()}s)`);
