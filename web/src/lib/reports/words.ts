// The reports' domain words for people: source kinds, tiers, verdicts, KPIs and funnel steps.
import type { SourceKind, Tier, Verdict } from '@persona-ops/domain/core';
import { EMPTY, formatMajorMoney, formatNumber, formatPercent } from '../format.ts';

export const sourceKindLabels: Record<SourceKind, string> = {
  ai_character: 'AI character',
  human_creator: 'Human creator',
  studio: 'Studio',
  product_ad: 'Product ad',
};

export const tierLabels: Record<Tier, string> = { weak: 'Weak', average: 'Average', strong: 'Strong', exceptional: 'Exceptional' };

export const verdictLabels: Record<Verdict, string> = {
  scale: 'Scale',
  learn_and_repeat: 'Learn & repeat',
  fix_the_creative: 'Fix the creative',
  fix_the_funnel: 'Fix the funnel',
  stop: 'Stop',
};

/** What each verdict asks of the team, in one line under the verdict. */
export const verdictActions: Record<Verdict, string> = {
  scale: 'Put more budget behind it: the figures that decide this goal are strong.',
  learn_and_repeat: 'Run it again with one change at a time and compare.',
  fix_the_creative: 'The content does not earn the attention or the click: change the creative before spending more.',
  fix_the_funnel: 'People click but do not convert: fix the landing page, the offer or the checkout, not the creative.',
  stop: 'Stop spending on it: the figures that decide this goal are weak.',
};

export const funnelStepLabels: Record<string, string> = {
  views: 'Views',
  clicks: 'Clicks',
  registrations: 'Registrations',
  target_actions: 'Target actions',
};

const KPI_LABELS: Record<string, string> = {
  reach: 'Reach',
  impressions: 'Impressions',
  views: 'Views',
  engagement_rate: 'Engagement rate',
  engagement_rate_by_views: 'Engagement rate by views',
  save_rate: 'Save rate',
  share_rate: 'Share rate',
  profile_actions: 'Profile actions',
  audience_growth_rate: 'Audience growth rate',
  new_followers_lift: 'New-followers lift',
  brand_mentions_per_post: 'Brand mentions per post',
  character_mention_rate: 'Character mention rate',
  sentiment: 'Net sentiment',
  cpm: 'CPM',
  cpv: 'CPV',
  ctr: 'CTR',
  cpc: 'CPC',
  cpr: 'CPR',
  cpa: 'CPA',
  clicks: 'Clicks',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
  saves: 'Saves',
  conversion_rate: 'Conversion rate',
  conversions: 'Conversions',
  target_actions: 'Target actions',
  sales: 'Sales',
  revenue: 'Revenue',
  roi: 'ROI',
};

export function kpiLabel(kpiId: string): string {
  return KPI_LABELS[kpiId] ?? kpiId.replaceAll('_', ' ');
}

/** How a KPI's value reads: a percent, money per unit, or a plain count. */
export type KpiUnit = 'percent' | 'money' | 'count' | 'points';

const PERCENT = new Set(['engagement_rate', 'engagement_rate_by_views', 'save_rate', 'share_rate', 'audience_growth_rate', 'character_mention_rate', 'ctr', 'conversion_rate', 'roi']);
const MONEY = new Set(['cpm', 'cpv', 'cpc', 'cpr', 'cpa', 'revenue']);

export function kpiUnit(kpiId: string): KpiUnit {
  if (PERCENT.has(kpiId)) return 'percent';
  if (MONEY.has(kpiId)) return 'money';
  if (kpiId === 'sentiment') return 'points';
  return 'count';
}

/** An amount in major units of a currency (the reports' money KPIs), e.g. 84.04 USD → "USD 84.04". */
export const formatMajor = (value: number | null | undefined, currency: string | null | undefined): string => formatMajorMoney(value, currency);

/** A KPI value in its unit: "1.8 %", "USD 84.04", "171", "+12.5 pts". */
export function formatKpi(kpiId: string, value: number | null | undefined, currency: string | null = null): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return EMPTY;
  switch (kpiUnit(kpiId)) {
    case 'percent':
      return formatPercent(value);
    case 'money':
      return formatMajorMoney(value, currency);
    case 'points':
      return `${Number(value.toFixed(1)) > 0 ? '+' : ''}${formatNumber(value, 1)} pts`;
    default:
      return formatNumber(value, Math.abs(value) >= 100 ? 0 : 2);
  }
}

/** Source kinds as a group, for "AI character against …". */
export const sourceKindPlurals: Record<SourceKind, string> = {
  ai_character: 'AI characters',
  human_creator: 'Human creators',
  studio: 'Studio content',
  product_ad: 'Product ads',
};

export type ExecutiveAnswerWord = 'ai_better' | 'other_better' | 'even' | 'open';

/** The executive answer's badge against one kind, in words (never colour alone). */
export function answerLabel(answer: ExecutiveAnswerWord, kind: SourceKind): string {
  switch (answer) {
    case 'ai_better':
      return 'AI character better';
    case 'other_better':
      return `${sourceKindPlurals[kind]} better`;
    case 'even':
      return 'Even';
    default:
      return 'Open: not decided yet';
  }
}


/**
 * A difference between two values of a KPI, signed, in the KPI's unit: "+$4.10", "−0.6 pp"
 * (percentage points for a percent KPI), "+12.5 pts", "+37".
 */
export function formatKpiDifference(kpiId: string, difference: number | null | undefined, currency: string | null = null): string {
  if (typeof difference !== 'number' || !Number.isFinite(difference)) return EMPTY;
  const unit = kpiUnit(kpiId);
  const digits = unit === 'percent' || unit === 'points' ? 1 : unit === 'money' ? 2 : 0;
  const rounded = Number(difference.toFixed(digits));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  const size = Math.abs(difference);
  switch (unit) {
    case 'percent':
      return `${sign}${formatNumber(size, 1)} pp`;
    case 'points':
      return `${sign}${formatNumber(size, 1)} pts`;
    default:
      return `${sign}${formatKpi(kpiId, size, currency)}`;
  }
}

/** A relative difference in percent, signed and whole: "+61 %", "−79 %". */
export function formatRelative(relative: number | null | undefined): string {
  if (typeof relative !== 'number' || !Number.isFinite(relative)) return EMPTY;
  const whole = Math.round(relative);
  return `${whole > 0 ? '+' : whole < 0 ? '−' : '±'}${formatNumber(Math.abs(whole), 0)} %`;
}

// Request parameters that the API's sentences name, in people's words.
const PARAMETER_WORDS: Record<string, string> = { campaignId: 'a campaign', sourceId: 'a source', sourceKind: 'a source kind', windowDays: 'the window', lagDays: 'the lag' };

/**
 * An API sentence for people: KPI ids ("engagement_rate", "cpa") become their names, a parameter named
 * in parentheses ("(campaignId)") goes, other snake_case words read as words ("too few results").
 */
export function readable(text: string | null | undefined): string {
  if (!text) return '';
  const words = text
    .replace(/\s*\((campaignId|sourceId|sourceKind|windowDays|lagDays)\)/g, '')
    .replace(/\b(campaignId|sourceId|sourceKind|windowDays|lagDays)\b/g, (word) => PARAMETER_WORDS[word] ?? word)
    // A cost KPI's id alone ("the default cpa tiers") reads as its acronym.
    .replace(/\b(cpm|cpv|cpc|cpr|cpa|ctr|roi)\b/g, (word) => word.toUpperCase())
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (word) => {
      const label = KPI_LABELS[word];
      const words = label ?? word.replaceAll('_', ' ');
      // Acronyms keep their capitals; other names read in lower case mid-sentence.
      return label && label === label.toUpperCase() ? label : words.toLowerCase();
    });
  return words.charAt(0).toUpperCase() + words.slice(1);
}
