/**
 * Val metrics of the committed offline model (or --model <file>), computed through the classifier
 * exactly as it runs in production:
 * - sentiment: macro-averaged recall (TweetEval's metric), macro-F1, per-class precision / recall,
 *   confusion matrix
 * - offensive: macro-F1 (TweetEval's metric) of P(offensive) >= 0.5, same details
 *
 *   node jobs/scripts/evaluate-offline.ts [--model path/to/model.json.gz]
 *
 * Data: jobs/data (OFFLINE_DATA_DIR overrides).
 */
import { readSplit } from '../src/classifiers/offline/dataset-files.ts';
import { evaluate, formatReport } from '../src/classifiers/offline/evaluation.ts';
import { createOfflineClassifier } from '../src/classifiers/offline/offline-classifier.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const modelPath = argValue('--model');
const classifier = createOfflineClassifier(modelPath === undefined ? {} : { model: modelPath });
console.log(`model ${classifier.version}`);

const sentimentLabels = ['negative', 'neutral', 'positive'];
const sentiment = readSplit('sentiment', 'val');
const started = performance.now();
const sentimentPredicted = sentiment.texts.map((text) => sentimentLabels.indexOf(classifier.classifyOne(text).sentiment));
const sentimentReport = evaluate(sentiment.labels, sentimentPredicted, sentimentLabels);

const offensive = readSplit('offensive', 'val');
const offensivePredicted = offensive.texts.map((text) => (classifier.classifyOne(text).offensiveScore >= 0.5 ? 1 : 0));
const offensiveReport = evaluate(offensive.labels, offensivePredicted, ['not-offensive', 'offensive']);
const ms = performance.now() - started;

console.log(formatReport(`sentiment val (${sentiment.texts.length} texts)`, sentimentReport));
console.log(formatReport(`offensive val (${offensive.texts.length} texts)`, offensiveReport));
console.log(
  `\nsentiment macro recall ${sentimentReport.macroRecall.toFixed(4)} (target >= 0.63), ` +
    `offensive macro-F1 ${offensiveReport.macroF1.toFixed(4)} (target >= 0.73); ` +
    `${sentiment.texts.length + offensive.texts.length} texts classified in ${ms.toFixed(0)} ms`,
);
