/*
 * Campaign verdict, derived from tiers. Rules are checked top to bottom; the first that matches
 * wins. "Decisive" KPIs are the tiered ones among the goal's decisive KPIs (comparison.ts):
 *   awareness: brand_mentions_per_post · traffic: ctr, cpc · engagement: engagement_rate
 *   lead_generation: target_actions, ctr, cpa · sales: roi, conversion_rate, cpa
 * "Funnel goals" are traffic, lead_generation and sales: the goals where a click is the point,
 * so only they are judged on CTR against post-click conversion.
 *
 * | rule                    | verdict          | when                                                                  |
 * |-------------------------|------------------|-----------------------------------------------------------------------|
 * | not_enough_data         | learn_and_repeat | no decisive KPI has a tier                                            |
 * | losing_on_every_front   | stop             | ROI < 0 and CTR weak and conversion rate weak (any goal)              |
 * | all_decisive_weak       | stop             | at least 2 decisive KPIs rated and every rated one is weak            |
 * | roi_strong              | scale            | ROI strong/exceptional and no decisive KPI weak                       |
 * | goal_kpis_strong        | scale            | goal is not sales, every rated decisive KPI strong/exceptional, and   |
 * |                         |                  | ROI (when known) is not negative                                      |
 * | creative_call_to_action | fix_the_creative | funnel goal, CTR weak, conversion rate average or better              |
 * | creative_not_engaging   | fix_the_creative | awareness/engagement goal, engagement rate weak (or, for awareness,   |
 * |                         |                  | brand mentions per post weak)                                         |
 * | funnel_after_click      | fix_the_funnel   | funnel goal, CTR average or better (or unknown), and conversion rate  |
 * |                         |                  | weak, or conversion unknown and CPA weak                              |
 * | creative_top_of_funnel  | fix_the_creative | funnel goal, CTR weak, conversion weak or unknown (not losing money): |
 * |                         |                  | the top of the funnel feeds every step after it, so start there       |
 * | mixed_results           | learn_and_repeat | anything else                                                         |
 *
 * Refinements of the suggested rules: "all decisive weak" needs two rated KPIs, otherwise a
 * single weak engagement rate would always say stop and fix_the_creative could never fire for
 * engagement goals; scale is reachable without ROI for goals that are not about sales; a weak CTR
 * with unknown or weak conversion still fixes the creative first instead of saying nothing.
 */
import type { CampaignGoal } from './vocabulary.ts';
import { withArticle } from './vocabulary.ts';
import { DECISIVE_KPIS } from './comparison.ts';
import type { Rated, Tier, TieredKpiId } from './tiers.ts';
import { isTieredKpiId } from './tiers.ts';

export const Verdict = {
  scale: 'scale',
  learn_and_repeat: 'learn_and_repeat',
  fix_the_creative: 'fix_the_creative',
  fix_the_funnel: 'fix_the_funnel',
  stop: 'stop',
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export const VERDICT_RULES = [
  { id: 'not_enough_data', verdict: 'learn_and_repeat' },
  { id: 'losing_on_every_front', verdict: 'stop' },
  { id: 'all_decisive_weak', verdict: 'stop' },
  { id: 'roi_strong', verdict: 'scale' },
  { id: 'goal_kpis_strong', verdict: 'scale' },
  { id: 'creative_call_to_action', verdict: 'fix_the_creative' },
  { id: 'creative_not_engaging', verdict: 'fix_the_creative' },
  { id: 'funnel_after_click', verdict: 'fix_the_funnel' },
  { id: 'creative_top_of_funnel', verdict: 'fix_the_creative' },
  { id: 'mixed_results', verdict: 'learn_and_repeat' },
] as const satisfies ReadonlyArray<{ id: string; verdict: Verdict }>;
export type VerdictRuleId = (typeof VERDICT_RULES)[number]['id'];

export type VerdictInput = {
  goal: CampaignGoal;
  /** Rated KPIs of the campaign; missing or null value means not enough data. */
  kpis: Partial<Record<TieredKpiId, Rated | null>>;
};

export type VerdictResult = {
  verdict: Verdict;
  rule: VerdictRuleId;
  reason: string;
  /** The tiered KPIs that decide for this goal. */
  decisive: TieredKpiId[];
};

export function decisiveTieredKpis(goal: CampaignGoal): TieredKpiId[] {
  const ids: readonly string[] = DECISIVE_KPIS[goal];
  return ids.filter(isTieredKpiId);
}

const FUNNEL_GOALS: ReadonlySet<CampaignGoal> = new Set(['traffic', 'lead_generation', 'sales']);
const good = (t: Tier | null) => t === 'strong' || t === 'exceptional';
const averageOrBetter = (t: Tier | null) => t !== null && t !== 'weak';

/** "an awareness campaign", "a lead generation campaign": the goal as words, with its article. */
const goalCampaign = (goal: CampaignGoal) => `${withArticle(goal)} campaign`;

function verdictOf(rule: VerdictRuleId): Verdict {
  const found = VERDICT_RULES.find((r) => r.id === rule);
  return found?.verdict ?? 'learn_and_repeat';
}

export function campaignVerdict(input: VerdictInput): VerdictResult {
  const decisive = decisiveTieredKpis(input.goal);
  const tier = (id: TieredKpiId): Tier | null => input.kpis[id]?.tier ?? null;
  const rated = decisive.filter((id) => tier(id) !== null);
  const describe = (ids: readonly TieredKpiId[]) => ids.map((id) => `${id} ${tier(id) ?? 'unknown'}`).join(', ');
  const done = (rule: VerdictRuleId, reason: string): VerdictResult => ({ verdict: verdictOf(rule), rule, reason, decisive });

  const roiValue = input.kpis.roi?.value ?? null;
  const ctr = tier('ctr');
  const conversion = tier('conversion_rate');
  const cpa = tier('cpa');
  const funnelGoal = FUNNEL_GOALS.has(input.goal);

  if (rated.length === 0) {
    return done(
      'not_enough_data',
      `Not enough data: none of the KPIs that decide ${goalCampaign(input.goal)} (${decisive.join(', ')}) can be rated yet; keep collecting results.`,
    );
  }
  if (roiValue !== null && roiValue < 0 && ctr === 'weak' && conversion === 'weak') {
    return done('losing_on_every_front', 'The campaign lost money, few people clicked and few clicks converted: stop and rethink the brief.');
  }
  if (rated.length >= 2 && rated.every((id) => tier(id) === 'weak')) {
    return done('all_decisive_weak', `Every KPI that decides ${goalCampaign(input.goal)} is weak (${describe(rated)}): stop and rethink the brief.`);
  }
  const weakDecisive = rated.filter((id) => tier(id) === 'weak');
  if (good(tier('roi')) && weakDecisive.length === 0) {
    return done('roi_strong', `ROI is ${tier('roi')} and no deciding KPI is weak (${describe(rated)}): scale it.`);
  }
  if (input.goal !== 'sales' && rated.every((id) => good(tier(id))) && (roiValue === null || roiValue >= 0)) {
    return done('goal_kpis_strong', `Every KPI that decides ${goalCampaign(input.goal)} is strong or better (${describe(rated)}): scale it.`);
  }
  if (funnelGoal && ctr === 'weak' && averageOrBetter(conversion)) {
    return done(
      'creative_call_to_action',
      `CTR is weak while post-click conversion is ${conversion}: the people who click convert, so fix the creative's call to action, not the landing page.`,
    );
  }
  if (!funnelGoal) {
    const weakEngagement = tier('engagement_rate') === 'weak';
    const weakMentions = input.goal === 'awareness' && tier('brand_mentions_per_post') === 'weak';
    if (weakEngagement || weakMentions) {
      const what = weakEngagement ? 'engagement rate' : 'brand mentions per post';
      return done('creative_not_engaging', `The ${what} is weak for ${goalCampaign(input.goal)}: the content does not move people, so fix the creative.`);
    }
  }
  if (funnelGoal && ctr !== 'weak' && (conversion === 'weak' || (conversion === null && cpa === 'weak'))) {
    const after = conversion === 'weak' ? 'few clicks convert' : 'each conversion costs too much';
    const clicks = ctr === null ? 'CTR is unknown' : `CTR is ${ctr}`;
    return done('funnel_after_click', `${clicks} but ${after}: fix the landing page or the offer, not the creative.`);
  }
  if (funnelGoal && ctr === 'weak') {
    const conv = conversion === null ? 'conversion is not measured yet' : 'conversion is weak too';
    return done(
      'creative_top_of_funnel',
      `CTR is weak and ${conv}: fix the creative first, since every later step depends on clicks, then revisit the landing page.`,
    );
  }
  return done('mixed_results', `Results are mixed or average (${describe(rated)}): repeat with one change at a time and compare.`);
}
