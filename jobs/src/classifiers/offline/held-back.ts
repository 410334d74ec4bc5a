/**
 * The shipped model on the held-back slices (cross-validation.ts: one text in ten of train + val by
 * a hash of its text, never trained or tuned on), through the classifier exactly as it runs:
 * language detection included, so an English tweet eld calls Tagalog counts as the fallback made
 * of it. Per language, the language's own head is also scored with the language given, which is
 * the head's figure without the detector's mistakes.
 */
import { evaluationSplit } from './cross-validation.ts';
import { MULTILINGUAL_FOLDERS, type MultilingualLanguage, readAll, readLanguageSplit, readSplit } from './dataset-files.ts';
import { evaluate, type Report } from './evaluation.ts';
import { FeatureVector } from './features.ts';
import type { OfflineModel } from './model.ts';
import { createOfflineClassifier, scoreText } from './offline-classifier.ts';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export const OFFENSIVE_CLASSES = ['not-offensive', 'offensive'] as const;

export interface HeldBackReports {
  readonly sentiment: Report;
  readonly offensive: Report;
  /** per language: through the classifier (detection included) and with the language given */
  readonly languages: Readonly<Record<string, { readonly classifier: Report; readonly head: Report | undefined }>>;
}

function argmax3(z: Float64Array): number {
  return z[0]! >= z[1]! && z[0]! >= z[2]! ? 0 : z[1]! >= z[2]! ? 1 : 2;
}

export function heldBackReports(model: OfflineModel): HeldBackReports {
  const classifier = createOfflineClassifier({ model });
  const labels = [...SENTIMENT_CLASSES];
  const sentimentIndex = (text: string) => labels.indexOf(classifier.classifyOne(text).sentiment);

  const sentiment = evaluationSplit(readAll((s) => readSplit('sentiment', s))).heldBack;
  const offensive = evaluationSplit(readAll((s) => readSplit('offensive', s))).heldBack;
  const languages: Record<string, { classifier: Report; head: Report | undefined }> = {};
  const fv = new FeatureVector();
  const out = new Float64Array(4);
  for (const language of Object.keys(MULTILINGUAL_FOLDERS) as MultilingualLanguage[]) {
    const held = evaluationSplit(readAll((s) => readLanguageSplit(language, s))).heldBack;
    const head = model.languages.has(language)
      ? evaluate(held.labels, held.texts.map((text) => {
        scoreText(model, text, fv, out, language);
        return argmax3(out);
      }), labels)
      : undefined;
    languages[language] = { classifier: evaluate(held.labels, held.texts.map(sentimentIndex), labels), head };
  }
  return {
    sentiment: evaluate(sentiment.labels, sentiment.texts.map(sentimentIndex), labels),
    offensive: evaluate(offensive.labels, offensive.texts.map((text) => (classifier.classifyOne(text).offensiveScore >= 0.5 ? 1 : 0)), [...OFFENSIVE_CLASSES]),
    languages,
  };
}
