// How a reader of a campaign report sees its figures (the PDF, the scheduled e-mail and Slack text):
// written out here on their own, not imported from the code that prints them, so a test of that code
// compares it with what a person expects to read.
const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export const num = (value: number | null) => (value === null ? 'not known' : en.format(value));
export const pct = (value: number | null) => (value === null ? 'not known' : `${en.format(value)} %`);
export const words = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replaceAll('_', ' ');

export const KPI_LABELS: Record<string, string> = {
  engagement_rate: 'Engagement rate',
  audience_growth_rate: 'Audience growth',
  brand_mentions_per_post: 'Brand mentions per post',
  cpv: 'Cost per view',
  ctr: 'Click-through rate',
  cpc: 'Cost per click',
  cpa: 'Cost per target action',
  conversion_rate: 'Conversion rate',
  target_actions: 'Target actions',
  roi: 'Return on investment',
};
export const PERCENT_KPIS = ['engagement_rate', 'audience_growth_rate', 'ctr', 'conversion_rate', 'roi'];

/** A tiered KPI's value as printed: a percent, an amount after its currency, or a number. */
export function kpiAsRead(kpi: { kpiId: string; value: number | null; currency?: string | null }): string {
  if (kpi.value === null) return 'not known';
  if (PERCENT_KPIS.includes(kpi.kpiId)) return pct(kpi.value);
  return kpi.currency ? `${kpi.currency} ${en.format(kpi.value)}` : num(kpi.value);
}
