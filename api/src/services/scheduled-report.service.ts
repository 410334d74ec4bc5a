import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_LAG_DAYS, minorUnitDigits, reportPeriodOf, type ScheduledReportKind } from '@persona-ops/domain/core';
import type { IReportSchedule } from '@persona-ops/domain/store';
import { campaignReportPdf } from '../http/campaign-report-pdf.ts';
import { brandSafetyReport } from './brand-safety-report.service.ts';
import { campaignReport } from './campaign-report.service.ts';
import { comparisonReport } from './comparison-report.service.ts';
import { overviewReport } from './overview-report.service.ts';

// A scheduled report is the report the API answers, asked by the schedule: the same services, the
// same figures (nothing here computes a KPI), written out as a short text for an e-mail body or a
// Slack message, with the campaign report's PDF attached.

export type RenderedReport = { subject: string; text: string; attachment?: { name: string; content: Buffer } };

/** The comparison's window when a schedule asks for it: the report API's default. */
const COMPARISON_WINDOW_DAYS = 90;

/** A figure as the texts show it: whole numbers as they are, others to two decimals; unknown when null. */
export function figure(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return 'not known';
  return `${Number.isInteger(value) ? String(value) : value.toFixed(2)}${unit}`;
}

export function amount(money: { amountMinor: number; currency: string } | null | undefined): string {
  if (!money) return 'not known';
  const digits = minorUnitDigits(money.currency);
  return `${(money.amountMinor / 10 ** digits).toFixed(digits)} ${money.currency}`;
}

const kindTitles: Record<ScheduledReportKind, string> = { campaign: 'Campaign report', overview: 'Overview', comparison: 'Comparison', brand_safety: 'Brand safety' };

async function campaignText(em: EntityManager, schedule: IReportSchedule, runAt: Date): Promise<RenderedReport> {
  const campaignId = schedule.campaign!.id;
  const report = await campaignReport(em, schedule.workspace.id, campaignId, { lagDays: DEFAULT_LAG_DAYS }, runAt);
  const sentiment = report.sentiment.sentiment_share;
  const lines = [
    `${report.campaign.name}: the campaign report as of ${report.generatedAt} (the whole campaign, ${report.campaign.startsOn} to ${report.campaign.endsOn}).`,
    `Verdict: ${report.verdict.verdict}. ${report.verdict.reason}`,
    '',
    `Reach: ${figure(report.reach.reach.value)}`,
    `Impressions: ${figure(report.reach.impressions.value)}`,
    `Views: ${figure(report.reach.views.value)}`,
    `Cost: ${amount(report.cost?.total)}`,
    '',
    'Tiered KPIs (value, tier):',
    ...report.tieredKpis.map((kpi) => `- ${kpi.kpiId}: ${figure(kpi.value, kpi.currency ? ` ${kpi.currency}` : '')} (${kpi.tier ?? kpi.tierUnavailable ?? 'no tier'})`),
    '',
    `Comments: ${report.sentiment.totals.comments}, classified ${report.sentiment.totals.classified}; ` +
      (sentiment ? `positive ${figure(sentiment.positive, ' %')}, neutral ${figure(sentiment.neutral, ' %')}, negative ${figure(sentiment.negative, ' %')}; flagged ${figure(report.sentiment.flagged_comment_rate, ' %')}` : (report.sentiment.reason ?? 'no sentiment yet')),
  ];
  return {
    subject: `${schedule.name}: ${report.campaign.name}, ${report.verdict.verdict}`,
    text: lines.join('\n'),
    attachment: { name: `campaign-report-${campaignId}.pdf`, content: await campaignReportPdf(report) },
  };
}

async function overviewText(em: EntityManager, schedule: IReportSchedule, period: { from: string; to: string }, runAt: Date): Promise<RenderedReport> {
  const report = await overviewReport(em, schedule.workspace.id, { ...period, campaignId: schedule.campaign?.id, live: false }, runAt);
  const lines = [`The three layers per source kind, ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)} (to exclusive).`, ''];
  for (const kind of report.kinds) {
    lines.push(
      `${kind.sourceKind}: ${kind.audience.posts} posts, reach ${figure(kind.audience.reach.value)}, engagement rate ${figure(kind.audience.engagement_rate.value, ' %')}` +
        (kind.commerce ? `, cost ${amount(kind.commerce.cost?.total)}, ROI ${figure(kind.commerce.roi.value, ' %')}` : `, commerce not available (${kind.commerceUnavailable ?? 'no reason given'})`) +
        (kind.production ? `, ${kind.production.approved_assets} approved assets` : ''),
    );
  }
  return { subject: `${schedule.name}: overview, ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)}`, text: lines.join('\n') };
}

async function comparisonText(em: EntityManager, schedule: IReportSchedule, runAt: Date): Promise<RenderedReport> {
  const report = await comparisonReport(em, schedule.workspace.id, { windowDays: COMPARISON_WINDOW_DAYS, campaignId: schedule.campaign?.id, live: false, asOf: runAt.toISOString() }, runAt);
  const lines = [`Each source over its first ${COMPARISON_WINDOW_DAYS} days since launch, as of ${runAt.toISOString()}.`, ''];
  for (const ranking of report.rankings) {
    lines.push(`${ranking.kpiId} (${ranking.direction === 'higher_is_better' ? 'higher is better' : 'lower is better'}${ranking.currency ? `, ${ranking.currency}` : ''}):`);
    for (const entry of ranking.entries) lines.push(`- ${entry.rank === null ? '–' : `#${entry.rank}`} ${entry.name} (${entry.kind}): ${entry.status === 'ranked' ? figure(entry.value) : entry.status}`);
  }
  if (report.rankings.length === 0) lines.push('No source to compare yet.');
  return { subject: `${schedule.name}: comparison as of ${runAt.toISOString().slice(0, 10)}`, text: lines.join('\n') };
}

async function brandSafetyText(em: EntityManager, schedule: IReportSchedule, period: { from: string; to: string }): Promise<RenderedReport> {
  const report = await brandSafetyReport(em, schedule.workspace.id, { ...period, campaignId: schedule.campaign?.id });
  const share = report.kpis.sentiment_share;
  const lines = [
    `Comments posted ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)} (to exclusive): ${report.totals.comments}, classified ${report.totals.classified}.`,
    share ? `Sentiment: positive ${figure(share.positive, ' %')}, neutral ${figure(share.neutral, ' %')}, negative ${figure(share.negative, ' %')}.` : `Sentiment: ${report.kpis.reason ?? 'not known'}.`,
    `Flagged: ${report.totals.flagged} (${figure(report.kpis.flagged_comment_rate, ' %')}).`,
    ...report.flaggedByCategory.filter((category) => category.count > 0).map((category) => `- ${category.category}: ${category.count} (${figure(category.rate, ' %')})`),
    `Spikes: ${report.spikes.length === 0 ? 'none' : report.spikes.map((spike) => `${spike.day} ${spike.metric} ${figure(spike.share, ' %')}`).join('; ')}.`,
  ];
  return { subject: `${schedule.name}: brand safety, ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)}`, text: lines.join('\n') };
}

/**
 * The schedule's report as of `runAt`: the campaign report covers the whole campaign (as its page
 * and PDF do); the others the week or month before the run (reportPeriodOf).
 */
export async function renderScheduledReport(em: EntityManager, schedule: IReportSchedule, runAt: Date): Promise<RenderedReport> {
  const period = reportPeriodOf(schedule, runAt);
  const rendered = await (() => {
    switch (schedule.kind) {
      case 'campaign': return campaignText(em, schedule, runAt);
      case 'overview': return overviewText(em, schedule, period, runAt);
      case 'comparison': return comparisonText(em, schedule, runAt);
      case 'brand_safety': return brandSafetyText(em, schedule, period);
    }
  })();
  return { ...rendered, text: `${kindTitles[schedule.kind]} · ${schedule.name}\n\n${rendered.text}` };
}
