import { formatMoney } from './money.ts';
import type { Rated, Thresholds, Tier, TieredKpiId } from './tiers.ts';
import { DEFAULT_THRESHOLDS, isMoneyTieredKpiId, TIERED_KPI_IDS } from './tiers.ts';

/** A rated KPI as the report holds it; thresholds default to the KPI's defaults. */
export type InsightSubject = Rated & {
  thresholds?: Thresholds & { source?: 'default' | 'workspace' };
  tierUnavailable?: string | null;
  currency?: string;
};

export type InsightContext = {
  /** The report's other rated KPIs, for advice that depends on two of them. */
  kpis?: Partial<Record<TieredKpiId, Rated | null>>;
};

type Wording = { label: string; meaning: Record<Tier, string>; next: Record<Tier, string> };

const WORDING: Record<Exclude<TieredKpiId, 'roi'>, Wording> = {
  engagement_rate: {
    label: 'Engagement rate',
    meaning: {
      weak: 'few followers interact with the posts',
      average: 'followers interact at a typical rate',
      strong: 'the audience actively interacts with the character',
      exceptional: 'interaction is far above the norm',
    },
    next: {
      weak: 'test a stronger hook, a question to answer or a tip worth saving before posting more of the same',
      average: 'find the format and topic of the top posts and make more like them',
      strong: 'keep the format and test the best posts in paid placements to reach beyond followers',
      exceptional: 'reuse these posts in paid media and keep an eye on comment safety',
    },
  },
  audience_growth_rate: {
    label: 'Audience growth',
    meaning: {
      weak: 'the account is barely growing',
      average: 'the account grows at a typical pace',
      strong: 'the account is growing fast',
      exceptional: 'the account is growing exceptionally fast',
    },
    next: {
      weak: 'try collaborations, trending formats and a clear reason to follow, posted on a steady cadence',
      average: 'do more of the posts that brought the most follows',
      strong: 'keep the cadence and give new followers a recurring series to stay for',
      exceptional: 'check whether one viral post or a paid push drove it before counting on it to repeat',
    },
  },
  brand_mentions_per_post: {
    label: 'Brand mentions per post',
    meaning: {
      weak: 'people rarely name the brand',
      average: 'the brand gets a typical share of the conversation',
      strong: 'the content gets people talking about the brand',
      exceptional: 'the content drives unusual brand conversation',
    },
    next: {
      weak: 'give people a reason to name it: a clear product moment, a hashtag or a prompt to comment',
      average: 'find which posts draw the most mentions and repeat their product moment',
      strong: 'keep the product moments and amplify the best posts',
      exceptional: 'amplify it and watch sentiment so the talk stays positive',
    },
  },
  cpv: {
    label: 'Cost per view',
    meaning: {
      weak: 'views are expensive',
      average: 'views cost a typical amount',
      strong: 'views are cheap',
      exceptional: 'views are very cheap',
    },
    next: {
      weak: 'test shorter cuts, a hook in the first second and narrower targeting before adding budget',
      average: 'drop the weakest placements and test new hooks to bring it down',
      strong: 'scale the best cut and watch the cost as spend rises',
      exceptional: 'scale spend on this creative and check the views lead to clicks',
    },
  },
  ctr: {
    label: 'CTR',
    meaning: {
      weak: 'few people who see the content click',
      average: 'a typical share of viewers click',
      strong: 'the creative makes people click',
      exceptional: 'the creative is very compelling',
    },
    next: {
      weak: "test a clearer call to action, the offer shown in the creative and the link's placement",
      average: 'A/B test the call to action and the first frame',
      strong: 'make sure the landing page converts the traffic',
      exceptional: 'scale it and check the clicks convert after landing',
    },
  },
  cpc: {
    label: 'Cost per click',
    meaning: {
      weak: 'clicks are expensive',
      average: 'clicks cost a typical amount',
      strong: 'clicks are cheap',
      exceptional: 'clicks are very cheap',
    },
    next: {
      weak: 'raise the click-through rate with a clearer call to action, or narrow the targeting',
      average: 'test creatives with a stronger call to action to bring it down',
      strong: 'scale while checking that post-click conversion holds',
      exceptional: 'scale, and check the clicks convert: cheap clicks that never convert are not a win',
    },
  },
  cpa: {
    label: 'Cost per action',
    meaning: {
      weak: 'each conversion costs too much',
      average: 'conversions cost a typical amount',
      strong: 'conversions are efficient',
      exceptional: 'conversions are very cheap',
    },
    next: {
      weak: 'find the funnel step with the biggest drop and fix it before spending more',
      average: 'test the landing page and the offer to bring it down',
      strong: 'scale spend gradually and watch the cost per action',
      exceptional: 'scale, and confirm with a holdout that the conversions are incremental',
    },
  },
  conversion_rate: {
    label: 'Conversion rate',
    meaning: {
      weak: 'few clicks turn into the target action',
      average: 'clicks convert at a typical rate',
      strong: 'the landing page and the offer convert well',
      exceptional: 'clicks convert exceptionally well',
    },
    next: {
      weak: 'fix the landing page or the offer: load speed, message match with the post, form length',
      average: 'test the landing page and the offer to lift it',
      strong: 'send it more traffic',
      exceptional: 'send it more traffic: the bottleneck is before the click',
    },
  },
  target_actions: {
    label: 'Target actions',
    meaning: {
      weak: 'few people took the target action',
      average: 'a typical number of people took the target action',
      strong: 'many people took the target action',
      exceptional: 'an exceptional number of people took the target action',
    },
    next: {
      weak: 'check how much traffic reaches the landing page and that every link and code is tracked',
      average: 'put more reach behind the best-converting posts',
      strong: 'scale what drives them while keeping the cost per action in check',
      exceptional: 'scale, and confirm with a holdout that the actions are incremental',
    },
  },
};

const PERCENT_KPIS: ReadonlySet<TieredKpiId> = new Set(['engagement_rate', 'audience_growth_rate', 'ctr', 'conversion_rate', 'roi']);

// One formatter per precision: toLocaleString builds a new one on every call.
const numberFormats = new Map<number, Intl.NumberFormat>();
function trim(value: number, decimals: number): string {
  let formatter = numberFormats.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals });
    numberFormats.set(decimals, formatter);
  }
  return formatter.format(Number(value.toFixed(decimals)));
}

// Growth above this reads as "more than": from a small base (300 followers) a percentage like
// 6,333 % is news that says nothing; the dashboard caps it the same way.
const GROWTH_CAP_PERCENT = 1000;

// Display rounding only: KPI values themselves stay unrounded. Percentages to one decimal, as the
// dashboard shows them.
function format(kpiId: TieredKpiId, value: number, currency?: string): string {
  if (kpiId === 'audience_growth_rate' && value > GROWTH_CAP_PERCENT) return `more than ${trim(GROWTH_CAP_PERCENT, 0)} % (from a small base)`;
  if (PERCENT_KPIS.has(kpiId)) return `${trim(value, 1)} %`;
  if (isMoneyTieredKpiId(kpiId)) {
    // In the currency's minor units ("USD 3.97"); formatMoney keeps a third decimal only for sub-dime
    // costs such as a CPV of USD 0.025. Without a currency the same digits, bare.
    if (currency !== undefined) return formatMoney(value, currency);
    return Math.abs(value) < 0.1 && Number(value.toFixed(3)) !== Number(value.toFixed(2)) ? value.toFixed(3) : value.toFixed(2);
  }
  return trim(value, kpiId === 'target_actions' ? 0 : 1);
}

function range(kpiId: TieredKpiId, tier: Tier, t: Thresholds, currency?: string): string {
  const f = (v: number) => format(kpiId, v, currency);
  const higher = t.direction === 'higher_is_better';
  const between = (a: number, b: number) => (a < b ? `${f(a)} to ${f(b)}` : `${f(b)} to ${f(a)}`);
  switch (tier) {
    case 'weak':
      return `${higher ? 'under' : 'over'} ${f(t.average)}`;
    case 'average':
      return between(t.average, t.strong);
    case 'strong':
      return between(t.strong, t.exceptional);
    case 'exceptional':
      return `${f(t.exceptional)} ${higher ? 'or more' : 'or less'}`;
  }
}

const hasValue = (r: Rated | null | undefined): r is Rated & { value: number } =>
  r !== null && r !== undefined && r.value !== null;
const isStrongOrBetter = (r: Rated | null | undefined) => r?.tier === 'strong' || r?.tier === 'exceptional';

// A weak CTR beside a strong conversion rate and the reverse each point at one end of the
// funnel; these two sentences replace the single-KPI advice when they apply.
function crossKpi(kpiId: TieredKpiId, subject: Rated, context?: InsightContext): string | null {
  // Only the two KPIs it relates get the joint reading; every other KPI keeps its own advice.
  if (kpiId !== 'ctr' && kpiId !== 'conversion_rate') return null;
  const ctr = kpiId === 'ctr' ? subject : context?.kpis?.ctr;
  const conversion = kpiId === 'conversion_rate' ? subject : context?.kpis?.conversion_rate;
  if (!hasValue(ctr) || !hasValue(conversion)) return null;
  const ctrText = format('ctr', ctr.value);
  const conversionText = format('conversion_rate', conversion.value);
  if (ctr.tier === 'weak' && isStrongOrBetter(conversion)) {
    return kpiId === 'ctr'
      ? `CTR of ${ctrText} is weak while post-click conversion is ${conversion.tier} (${conversionText}): the people who click do convert, so work on the creative's call to action, not the landing page.`
      : `Conversion rate of ${conversionText} is ${conversion.tier} while CTR is weak (${ctrText}): the people who click do convert, so work on the creative's call to action, not the landing page.`;
  }
  if (isStrongOrBetter(ctr) && conversion.tier === 'weak') {
    return kpiId === 'ctr'
      ? `CTR of ${ctrText} is ${ctr.tier} but conversion after the click is weak (${conversionText}): the creative earns the click, so fix the landing page or the offer, not the creative.`
      : `Conversion rate of ${conversionText} is weak while CTR is ${ctr.tier} (${ctrText}): the creative earns the click, so fix the landing page or the offer, not the creative.`;
  }
  return null;
}

/*
 * ROI wording is fixed by the spec: below 0 % the campaign lost money; from 0 % up to the bar it
 * returned more than it cost but sits under the usual bar. It never says "did not break even"
 * for a positive ROI.
 */
function roiInsight(subject: InsightSubject, t: Thresholds, tier: Tier | null): string {
  const value = subject.value ?? 0;
  const v = format('roi', value);
  const bar = subject.thresholds?.source === 'workspace' ? `this workspace's ${format('roi', t.average)} bar` : `the usual ${format('roi', t.average)} bar`;
  const multiple = `${trim(1 + value / 100, 2)}×`;
  if (value < 0) {
    return `ROI of ${v}: the campaign lost money, earning back less than it cost; find the funnel step with the biggest drop before spending again.`;
  }
  if (value === 0) {
    return `ROI of ${v}: the campaign earned back exactly what it cost, under ${bar}; cut the weakest placements or lift conversion before spending more.`;
  }
  switch (tier) {
    case null:
      return `ROI of ${v}: the campaign returned ${multiple} its cost.`;
    case 'weak':
      return `ROI of ${v} is weak: the campaign returned more than it cost, but under ${bar}; cut the weakest placements or costs and lift conversion before scaling.`;
    case 'average':
      return `ROI of ${v} is average (${range('roi', tier, t)}): the campaign returned ${multiple} its cost; lower the cost per action before scaling.`;
    case 'strong':
      return `ROI of ${v} is strong (${range('roi', tier, t)}): the campaign returned ${multiple} its cost; scale spend gradually and watch ROI as it grows.`;
    case 'exceptional':
      return `ROI of ${v} is exceptional (${range('roi', tier, t)}): the campaign returned ${multiple} its cost; scale it and confirm with a holdout that the sales are incremental.`;
  }
}

/** One plain sentence: what the value means and what to try next. */
export function insight(kpiId: TieredKpiId, subject: InsightSubject, context?: InsightContext): string {
  const t = subject.thresholds ?? DEFAULT_THRESHOLDS[kpiId];
  const label = kpiId === 'roi' ? 'ROI' : WORDING[kpiId].label;
  if (subject.value === null) return `Not enough data to rate ${label} yet.`;
  if (kpiId === 'roi') return roiInsight(subject, t, subject.tier);
  const value = format(kpiId, subject.value, subject.currency);
  if (subject.tier === null) {
    const why = subject.tierUnavailable ?? 'no thresholds apply';
    return `${label} is ${value} and has no tier: ${why.charAt(0).toLowerCase()}${why.slice(1).replace(/\.$/, '')}.`;
  }
  const cross = crossKpi(kpiId, subject, context);
  if (cross !== null) return cross;
  const w = WORDING[kpiId];
  return `${label} of ${value} is ${subject.tier} (${range(kpiId, subject.tier, t, subject.currency)}): ${w.meaning[subject.tier]}; ${w.next[subject.tier]}.`;
}

/** Insights for every tiered KPI present in a report, in the canonical KPI order. */
export function reportInsights(
  kpis: Partial<Record<TieredKpiId, InsightSubject | null>>,
): Array<{ kpiId: TieredKpiId; text: string }> {
  return TIERED_KPI_IDS.flatMap((kpiId) => {
    const subject = kpis[kpiId];
    return subject === undefined || subject === null ? [] : [{ kpiId, text: insight(kpiId, subject, { kpis }) }];
  });
}
