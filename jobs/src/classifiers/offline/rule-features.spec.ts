import { describe, expect, it } from 'vitest';
import { buildHeadDataset } from './head-training.ts';
import { normalizeForRules } from './normalize.ts';
import { OFFLINE_RECIPE } from './recipe.ts';
import { RULE_FEATURES, ruleFeaturePositions, ruleFindings, ruleLogit } from './rule-features.ts';

const names = (text: string) => ruleFeaturePositions(ruleFindings(text, normalizeForRules(text))).map((p) => RULE_FEATURES[p]);

describe('rule features of the offensive model', () => {
  it('names what the rules find, obfuscated swearing included, and nothing in a clean comment', () => {
    expect(names('f u c k you')).toEqual(['profanity:profanity', 'targets-person']);
    expect(names('love this look')).toEqual([]);
    expect(names('cum laude graduate')).toEqual([]);
    expect(names('what a pathetic liar')).toEqual(['insult']);
    expect(names('he is a loser, u know')).toEqual(['targets-person', 'insult']);
  });

  it('adds the found features weights to the logit', () => {
    const weights = Float64Array.from(RULE_FEATURES, (_, i) => i + 1);
    const findings = ruleFindings('shut up you idiot', normalizeForRules('shut up you idiot'));
    const expected = ruleFeaturePositions(findings).reduce((a, p) => a + p + 1, 0);
    expect(expected).toBeGreaterThan(0);
    expect(ruleLogit(weights, findings)).toBe(expected);
  });

  it('puts them past the hashed buckets in the training data, at the recipe value, and only when asked', () => {
    const features = OFFLINE_RECIPE.features;
    const buckets = 2 ** features.bits;
    const recipe = { ...OFFLINE_RECIPE.offensive, ruleWeight: 2 };
    const ds = buildHeadDataset(['f u c k you', 'love this'], [1, 0], features, recipe);
    const extra = [...ds.idx.subarray(ds.offsets[0], ds.offsets[1])].flatMap((b, j) => (b >= buckets ? [[b - buckets, ds.val[ds.offsets[0]! + j]]] : []));
    expect(extra).toEqual([[RULE_FEATURES.indexOf('profanity:profanity'), 2], [RULE_FEATURES.indexOf('targets-person'), 2]]);
    expect([...ds.idx.subarray(ds.offsets[1], ds.offsets[2])].every((b) => b < buckets)).toBe(true);
    const without = buildHeadDataset(['f u c k you'], [1], features, { ...recipe, ruleWeight: 0 });
    expect([...without.idx].every((b) => b < buckets)).toBe(true);
  });
});
