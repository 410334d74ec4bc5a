// Brand-safety categories follow the public GARM brand-safety floor and the OpenAI moderation
// categories, mapped onto one short list; a comment may carry several.
export const BRAND_SAFETY_CATEGORIES = [
  'profanity',
  'hate',
  'harassment',
  'sexual',
  'violence',
  'self_harm',
  'spam_scam',
  'misinformation',
  /** Names a rival brand. */
  'competitor',
  /** A debated social issue. */
  'controversial',
  /**
   * Doubts the character's authenticity: calls it fake, a bot, creepy or uncanny, asks whether it is
   * real, or complains that it is not disclosed as AI. The risk an AI character has and a human one
   * does not; read it next to each post's AI-disclosure label.
   */
  'ai_authenticity',
] as const;
export type BrandSafetyCategory = (typeof BRAND_SAFETY_CATEGORIES)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export function isBrandSafetyCategory(value: string): value is BrandSafetyCategory {
  return (BRAND_SAFETY_CATEGORIES as readonly string[]).includes(value);
}

export function isSentimentLabel(value: string): value is SentimentLabel {
  return (SENTIMENT_LABELS as readonly string[]).includes(value);
}

export type CommentToClassify = { id: string; text: string; characterNames: string[] };

export type CommentClassification = {
  id: string;
  sentiment: SentimentLabel;
  /** The classifier's confidence in `sentiment`, 0–1. */
  score: number;
  /** Brand-safety categories (see BRAND_SAFETY_CATEGORIES); empty when the comment is safe. */
  flags: string[];
  mentionsCharacter: boolean;
  /** Which classifier decided, and its version, so results can be re-run and compared. */
  classifier: string;
  version: string;
  /** ISO 639-1 code of the comment's language, 'und' when the text does not say; absent when the classifier does not detect it. */
  language?: string;
  /** false when the classifier has no sentiment model for `language` (its guess is then a fallback). */
  languageSupported?: boolean;
};

/**
 * Port for comment classification. Implemented outside the core (an offline model, an OpenAI
 * adapter); returns one result per input comment, matched by id.
 */
export interface CommentClassifier {
  classify(comments: CommentToClassify[]): Promise<CommentClassification[]>;
  /** Optional: the same, with what a paid classifier spent on the call (tokens, cost). */
  classifyBatch?(comments: CommentToClassify[]): Promise<{ results: CommentClassification[]; usage?: ClassifierUsage }>;
}

/** What one classification call spent: the tokens and the cost in millionths of a US dollar. */
export type ClassifierUsage = { promptTokens: number; completionTokens: number; costUsdMicros: number; requests: number };
