/**
 * The offline comment classifier: runs when no OpenAI key is configured. Deterministic, no network,
 * one core does well over 20k comments/s.
 *
 * Per comment:
 * - sentiment: the linear model's softmax over negative / neutral / positive, with the emoji lexicon
 *   added to the logits (EMOJI_LOGIT_WEIGHT x polarity); `score` is the probability of the label.
 * - flags (in BRAND_SAFETY_CATEGORIES order, several possible):
 *   - `profanity` / `hate` / `sexual` / `violence`: obscenity matches (obfuscation-aware), by the
 *     word's category, and the other languages' word lists (profanity.ts, profanity-lists.ts)
 *   - `hate`, `harassment`, `violence`, `self_harm`, `sexual`, `misinformation`, `controversial`,
 *     `ai_authenticity`: keyword lexicons (safety-lexicon.ts)
 *   - `spam_scam`: spam patterns (spam-patterns.ts)
 *   - `competitor`: one of the workspace's competitor names, matched like a character name
 *   - offensive model (OLID's "offensive": insults, threats, profanity), on the n-grams and on what
 *     the rules above found (rule-features.ts):
 *       P(offensive) >= OFFENSIVE_FLAG_THRESHOLD (0.7; precision 0.82 on the offensive val split,
 *       against 0.71 at the 0.5 decision point the macro-F1 is measured at) and the comment
 *       addresses someone (you / your / u / an @mention) or names the character -> `harassment`,
 *       unless it is slang praise ("your edit is sick 🔥"). Untargeted, the model adds nothing:
 *       `profanity` means swear words, which the word lists find (spaced out, masked or in look-alike
 *       letters too); what else the model finds offensive untargeted is criticism ("Disgusting ad",
 *       "this fake AI garbage"), which sentiment reports, or slang ("this is sick").
 * - mentionsCharacter: any of the character's names, handles or aliases (character-mentions.ts)
 */
import {
  BRAND_SAFETY_CATEGORIES,
  type BrandSafetyCategory,
  type CommentClassification,
  type CommentClassifier,
  type CommentToClassify,
  SENTIMENT_LABELS,
  type SentimentLabel,
} from '@persona-ops/domain/core';
import { compileNameMatcher, type NameMatcher, nameMatcherFor } from './character-mentions.ts';
import { EMOJI_LOGIT_WEIGHT, emojiSentiment } from './emoji-sentiment.ts';
import { extractTokenFeatures, FeatureVector } from './features.ts';
import { detectLanguage, UNDETERMINED } from './language.ts';
import { loadModel, type OfflineModel, scoreFeatures, scoreLanguage, sigmoid, softmax } from './model.ts';
import { normalizeForRules } from './normalize.ts';
import { ruleFindings, ruleLogit } from './rule-features.ts';
import { isSlangPraise } from './safety-lexicon.ts';
import { isSpamOrScam } from './spam-patterns.ts';
import { tokenize } from './tokenizer.ts';

export const OFFLINE_CLASSIFIER_NAME = 'offline';
/** P(offensive) from which the offensive model adds `harassment` to a targeted comment. */
export const OFFENSIVE_FLAG_THRESHOLD = 0.7;

/** classifyOne's result: a CommentClassification without the id, plus the models' probabilities. */
export interface OfflineClassification extends Omit<CommentClassification, 'id' | 'flags'> {
  /** probability of `sentiment` */
  readonly score: number;
  readonly flags: BrandSafetyCategory[];
  readonly probabilities: Readonly<Record<SentimentLabel, number>>;
  /** P(offensive) from the offensive model */
  readonly offensiveScore: number;
  /** ISO 639-1 code from the language detector, 'und' when the text does not say */
  readonly language: string;
  /** false: no sentiment model for `language`; the English model's guess is kept, labelled as such */
  readonly languageSupported: boolean;
}

export interface OfflineClassifierOptions {
  /** the workspace's rival brands (names, handles) for the `competitor` flag */
  readonly competitors?: readonly string[];
  /** a loaded model, or the path of a model file; default: the committed model.json.gz */
  readonly model?: OfflineModel | string | URL;
}

/** The domain's CommentClassifier port, plus a synchronous single-comment hot path. */
export interface OfflineClassifier extends CommentClassifier {
  readonly name: typeof OFFLINE_CLASSIFIER_NAME;
  /** the model's version, e.g. offline-2026.11.1-93fc3d3e */
  readonly version: string;
  classify(comments: readonly CommentToClassify[]): Promise<CommentClassification[]>;
  classifyOne(text: string, characterNames?: readonly string[]): OfflineClassification;
}

/** Comments classified between two yields to the event loop in `classify`. */
const CHUNK = 2000;

/**
 * Model scores of one text into `out`: [0..2] sentiment logits (emoji lexicon included), from the
 * head of `language` when the model has one, else English; [3] the offensive logit of the n-grams
 * (English model; the classifier adds the rule features' share, rule-features.ts). Shared by the
 * classifier and the evaluation scripts.
 */
export function scoreText(model: OfflineModel, text: string, fv: FeatureVector, out: Float64Array, language = 'en'): void {
  const tokens = tokenize(text);
  extractTokenFeatures(tokens, model.features, fv);
  scoreFeatures(model, fv, out);
  const head = model.languages.get(language);
  if (head !== undefined) scoreLanguage(head, fv, out);
  const emoji = emojiSentiment(tokens);
  if (emoji !== 0) {
    out[2]! += EMOJI_LOGIT_WEIGHT * emoji;
    out[0]! -= EMOJI_LOGIT_WEIGHT * emoji;
  }
}

const FLAG_BIT = new Map<BrandSafetyCategory, number>(BRAND_SAFETY_CATEGORIES.map((f, i) => [f, 1 << i]));
const bit = (flag: BrandSafetyCategory): number => FLAG_BIT.get(flag) ?? 0;

/** Flags of a bit mask, in canonical order. */
function flagsOf(mask: number): BrandSafetyCategory[] {
  return mask === 0 ? [] : BRAND_SAFETY_CATEGORIES.filter((f) => (mask & bit(f)) !== 0);
}

export function createOfflineClassifier(options: OfflineClassifierOptions = {}): OfflineClassifier {
  const model = options.model === undefined || typeof options.model === 'string' || options.model instanceof URL
    ? loadModel(options.model)
    : options.model;
  const competitors: NameMatcher = compileNameMatcher(options.competitors ?? []);
  const version = model.version;
  const fv = new FeatureVector();
  const scores = new Float64Array(4);

  // English and undetermined text (emoji, slang, a word or two) take the English model.
  const supported = (language: string) => language === 'en' || language === UNDETERMINED || model.languages.has(language);

  function classifyOne(text: string, characterNames: readonly string[] = []): OfflineClassification {
    const language = detectLanguage(text);
    scoreText(model, text, fv, scores, language);
    const normalized = normalizeForRules(text);
    const findings = ruleFindings(text, normalized);
    const offensiveScore = sigmoid(scores[3]! + ruleLogit(model.offensiveRules, findings));
    softmax(scores, 3);
    let best = 0;
    if (scores[1]! > scores[best]!) best = 1;
    if (scores[2]! > scores[best]!) best = 2;

    const mentionsCharacter = nameMatcherFor(characterNames).matches(normalized);
    let mask = 0;
    for (const category of findings.profanity) mask |= bit(category);
    for (const category of findings.lexicon) mask |= bit(category);
    if (isSpamOrScam(normalized)) mask |= bit('spam_scam');
    if (competitors.matches(normalized)) mask |= bit('competitor');
    if (offensiveScore >= OFFENSIVE_FLAG_THRESHOLD && (mentionsCharacter || findings.targetsPerson) && !isSlangPraise(normalized)) {
      mask |= bit('harassment');
    }

    return {
      sentiment: SENTIMENT_LABELS[best] ?? 'neutral',
      score: scores[best]!,
      flags: flagsOf(mask),
      mentionsCharacter,
      classifier: OFFLINE_CLASSIFIER_NAME,
      version,
      probabilities: { negative: scores[0]!, neutral: scores[1]!, positive: scores[2]! },
      offensiveScore,
      language,
      languageSupported: supported(language),
    };
  }

  async function classify(comments: readonly CommentToClassify[]): Promise<CommentClassification[]> {
    const out: CommentClassification[] = [];
    for (let i = 0; i < comments.length; i++) {
      if (i > 0 && i % CHUNK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const c = comments[i]!;
      const r = classifyOne(c.text, c.characterNames);
      out.push({
        id: c.id,
        sentiment: r.sentiment,
        score: r.score,
        flags: r.flags,
        mentionsCharacter: r.mentionsCharacter,
        classifier: r.classifier,
        version: r.version,
        language: r.language,
        languageSupported: r.languageSupported,
      });
    }
    return out;
  }

  return { name: OFFLINE_CLASSIFIER_NAME, version, classify, classifyOne };
}
