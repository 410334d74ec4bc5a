/**
 * What the rules find, as features of the offensive model besides its n-grams: the word lists'
 * categories (obfuscation-aware, innocent uses set aside), the safety lexicons' categories and
 * whether the comment addresses someone. The rules generalise past the ~12k labelled tweets (spaced,
 * masked or look-alike swearing, slurs the tweets never use), and the classifier computes them for
 * its flags anyway, so the model gets them at no extra cost. Plus one finding that is no flag: an
 * insult word (INSULT), pooled into one feature so that the insults the tweets rarely use share
 * the weight of the common ones.
 *
 * Each finding is one feature of value 1 outside the hashed buckets (index buckets + position in
 * RULE_FEATURES), so no n-gram shares its weight. Changing what a rule matches changes the model's
 * input: retrain after rule changes (the cross-validation measures the rules as they are).
 */
import type { ProfanityCategory } from './profanity.ts';
import { profanityCategories } from './profanity.ts';
import { type LexiconCategory, lexiconCategories, targetsPerson } from './safety-lexicon.ts';

export const RULE_FEATURES = [
  'profanity:profanity', 'profanity:hate', 'profanity:sexual', 'profanity:violence',
  'lexicon:hate', 'lexicon:harassment', 'lexicon:violence', 'lexicon:self_harm', 'lexicon:sexual',
  'lexicon:misinformation', 'lexicon:controversial', 'lexicon:ai_authenticity',
  'targets-person', 'insult',
] as const;
export type RuleFeature = (typeof RULE_FEATURES)[number];

const POSITION = new Map<string, number>(RULE_FEATURES.map((name, i) => [name, i]));

/**
 * Words that insult a person or a group, from general usage (not picked from the training data).
 * Alone they are no flag (criticism uses them: "a stupid rule"); the model weighs them with the rest.
 */
const INSULT = /\b(?:idiot(?:s|ic)?|stupid(?:ity)?|morons?|moronic|dumb(?:ass)?|losers?|liars?|pathetic|disgusting|scum(?:bags?)?|trash|garbage|clowns?|hypocrit(?:e|es|ical)|traitors?|cowards?|fools?|imbeciles?|retarded|ignorant|clueless|worthless|useless|incompetent|lunatics?|psychos?|nut ?jobs?|creeps?|pigs?|jerks?|douche(?:bags?)?|twats?|dipshits?|brainless|brain ?dead|deplorables?|nazis?|fascists?|racists?|bigots?|crooked|crooks?|thugs?|lying|disgrace(?:ful)?|shameful|sick(?:o|ening)|vile|evil|corrupt|pos|piece of)\b/;

export interface RuleFindings {
  readonly profanity: readonly ProfanityCategory[];
  readonly lexicon: readonly LexiconCategory[];
  readonly targetsPerson: boolean;
  readonly insult: boolean;
}

/** `normalized` is normalizeForRules(text). */
export function ruleFindings(text: string, normalized: string): RuleFindings {
  return {
    profanity: profanityCategories(text, normalized),
    lexicon: lexiconCategories(normalized),
    targetsPerson: targetsPerson(normalized),
    insult: INSULT.test(normalized),
  };
}

/** Positions in RULE_FEATURES of what was found, ascending. */
export function ruleFeaturePositions(findings: RuleFindings): number[] {
  const names: string[] = [
    ...findings.profanity.map((c) => `profanity:${c}`),
    ...findings.lexicon.map((c) => `lexicon:${c}`),
    ...(findings.targetsPerson ? ['targets-person'] : []),
    ...(findings.insult ? ['insult'] : []),
  ];
  return names.map((n) => POSITION.get(n)).filter((p): p is number => p !== undefined).sort((a, b) => a - b);
}

/** The offensive logit's share from the rules: the sum of the found features' weights (RULE_FEATURES order). */
export function ruleLogit(weights: Float64Array, findings: RuleFindings): number {
  let sum = 0;
  for (const p of ruleFeaturePositions(findings)) sum += weights[p]!;
  return sum;
}
