/**
 * Honest figures of the offline classifier.
 *
 *   node jobs/scripts/evaluate-offline.ts [--model path/to/model.json.gz]
 *     the committed model (or --model) on the held-back slices, through the classifier as it runs
 *     (held-back.ts): per-class precision / recall, confusion matrices, per language
 *
 *   node jobs/scripts/evaluate-offline.ts --cv [--k 5] [--only sentiment,offensive,ar,de,es,fr,hi,it,pt]
 *     k-fold cross-validation of the training recipe (recipe.ts, OFFLINE_HYPER overrides) over
 *     train + val minus the held-back slice, folds fixed by a hash of the text; mean ± sample SD
 *     over the folds of macro recall, macro-F1 and each class's recall. Retrains k models per task,
 *     so it takes as long as k trainings (see the README for times).
 *
 * Metrics: sentiment by macro recall (TweetEval), offensive and the languages by macro-F1 (TweetEval,
 * UMSAB). Data: jobs/data (OFFLINE_DATA_DIR overrides).
 */
import { crossValidateHead } from '../src/classifiers/offline/cross-validate-head.ts';
import { DEFAULT_FOLDS, formatSpread } from '../src/classifiers/offline/cross-validation.ts';
import { MULTILINGUAL_FOLDERS, type MultilingualLanguage, readAll, readLanguageSplit, readSplit } from '../src/classifiers/offline/dataset-files.ts';
import { formatReport } from '../src/classifiers/offline/evaluation.ts';
import { heldBackReports, OFFENSIVE_CLASSES, SENTIMENT_CLASSES } from '../src/classifiers/offline/held-back.ts';
import { loadModel } from '../src/classifiers/offline/model.ts';
import { recipeFromEnv } from '../src/classifiers/offline/recipe.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Macro-F1 of FastText trained per language on the same data (UMSAB, published on its test split). */
const FASTTEXT_BASELINE: Record<MultilingualLanguage, number> = { ar: 46.0, de: 59.6, es: 50.1, fr: 54.8, hi: 37.1, it: 54.7, pt: 55.1 };
const languageCodes = Object.keys(MULTILINGUAL_FOLDERS) as MultilingualLanguage[];

if (process.argv.includes('--cv')) {
  const k = Number(argValue('--k') ?? DEFAULT_FOLDS);
  const only = new Set((argValue('--only') ?? ['sentiment', 'offensive', ...languageCodes].join(',')).split(','));
  const recipe = recipeFromEnv();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  console.log(`${k}-fold cross-validation, recipe ${JSON.stringify(recipe)}`);
  const rows: string[] = [];
  const row = (name: string, metric: string, value: string, recalls: string, seconds: number) =>
    rows.push(`| ${name} | ${metric} ${value} | ${recalls} | ${seconds.toFixed(0)} s |`);
  if (only.has('sentiment')) {
    log('sentiment');
    const cv = crossValidateHead(readAll((s) => readSplit('sentiment', s)), [...SENTIMENT_CLASSES], recipe.features, recipe.sentiment, { k, heldBack: false, log });
    row('sentiment (en)', 'macro recall', formatSpread(cv.macroRecall), cv.recall.map((r, c) => `${SENTIMENT_CLASSES[c]} ${formatSpread(r)}`).join(', '), cv.seconds);
  }
  if (only.has('offensive')) {
    log('offensive');
    const cv = crossValidateHead(readAll((s) => readSplit('offensive', s)), [...OFFENSIVE_CLASSES], recipe.features, recipe.offensive, { k, heldBack: false, log });
    row('offensive (en)', 'macro-F1', formatSpread(cv.macroF1), cv.recall.map((r, c) => `${OFFENSIVE_CLASSES[c]} ${formatSpread(r)}`).join(', '), cv.seconds);
  }
  const languageMeans: number[] = [];
  for (const language of languageCodes.filter((l) => only.has(l))) {
    log(language);
    const cv = crossValidateHead(readAll((s) => readLanguageSplit(language, s)), [...SENTIMENT_CLASSES], recipe.features, recipe.languages, { k, heldBack: false, log });
    languageMeans.push(cv.macroF1.mean);
    const recalls = cv.recall.map((r, c) => `${SENTIMENT_CLASSES[c]} ${formatSpread(r)}`).join(', ');
    row(`sentiment (${language})`, 'macro-F1', `${formatSpread(cv.macroF1)} (FastText ${FASTTEXT_BASELINE[language].toFixed(1)})`, recalls, cv.seconds);
  }
  console.log('| task | metric (mean ± SD over folds, %) | recall per class | time |\n|---|---|---|---|');
  console.log(rows.join('\n'));
  if (languageMeans.length > 0) {
    console.log(`mean macro-F1 over ${languageMeans.length} languages: ${((languageMeans.reduce((a, b) => a + b, 0) / languageMeans.length) * 100).toFixed(1)}`);
  }
} else {
  const modelPath = argValue('--model');
  const model = loadModel(modelPath);
  console.log(`model ${model.version}; held-back slices (one text in ten of train + val, never trained or tuned on)`);
  const held = heldBackReports(model);
  console.log(formatReport(`sentiment (en, ${held.sentiment.classes.reduce((a, c) => a + c.support, 0)} texts)`, held.sentiment));
  console.log(formatReport(`offensive (en, ${held.offensive.classes.reduce((a, c) => a + c.support, 0)} texts), P >= 0.5`, held.offensive));
  for (const language of languageCodes) {
    const r = held.languages[language];
    if (r === undefined) continue;
    if (r.head !== undefined) console.log(formatReport(`${language}: its head, language given`, r.head));
    console.log(`${language}: through the classifier (language detected): macro F1 ${r.classifier.macroF1.toFixed(4)}, macro recall ${r.classifier.macroRecall.toFixed(4)}`);
  }
}
