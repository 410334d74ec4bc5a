import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_LAG_DAYS, reportPeriodOf, type ScheduledReportKind } from '@persona-ops/domain/core';
import type { IReportSchedule } from '@persona-ops/domain/store';
import { KPI_LABELS, campaignReportPdf, pdfKpiValue, pdfMoney, pdfNumber, pdfPercent, words } from '../http/campaign-report-pdf.ts';
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

// Figures are written as the PDF writes them (en-US, a percent sign, the currency first), so the
// e-mail, the Slack message and the attached PDF read alike.
const count = pdfNumber;
const percent = pdfPercent;

const kindTitles: Record<ScheduledReportKind, string> = { campaign: 'Campaign report', overview: 'Overview', comparison: 'Comparison', brand_safety: 'Brand safety' };

async function campaignText(em: EntityManager, schedule: IReportSchedule, runAt: Date): Promise<RenderedReport> {
  const campaignId = schedule.campaign!.id;
  const report = await campaignReport(em, schedule.workspace.id, campaignId, { lagDays: DEFAULT_LAG_DAYS }, runAt);
  const sentiment = report.sentiment.sentiment_share;
  const lines = [
    `${report.campaign.name}: the campaign report as of ${report.generatedAt} (the whole campaign, ${report.campaign.startsOn} to ${report.campaign.endsOn}).`,
    `Verdict: ${words(report.verdict.verdict)}. ${report.verdict.reason}`,
    '',
    `Reach: ${count(report.reach.reach.value)}`,
    `Impressions: ${count(report.reach.impressions.value)}`,
    `Views: ${count(report.reach.views.value)}`,
    `Engagement rate: ${percent(report.engagement.engagement_rate.value)}`,
    `Cost: ${pdfMoney(report.cost?.total)}`,
    '',
    'KPIs and their tiers:',
    ...report.tieredKpis.map((kpi) => `- ${KPI_LABELS[kpi.kpiId]}: ${pdfKpiValue(kpi)} (${kpi.tier ? words(kpi.tier) : (kpi.tierUnavailable ?? 'no tier')})`),
    '',
    `Comments: ${count(report.sentiment.totals.comments)}, classified ${count(report.sentiment.totals.classified)}; ` +
      (sentiment ? `positive ${percent(sentiment.positive)}, neutral ${percent(sentiment.neutral)}, negative ${percent(sentiment.negative)}; flagged ${percent(report.sentiment.flagged_comment_rate)}` : (report.sentiment.reason ?? 'no sentiment yet')),
  ];
  return {
    subject: `${schedule.name}: ${report.campaign.name}, ${words(report.verdict.verdict)}`,
    text: lines.join('\n'),
    attachment: { name: `campaign-report-${campaignId}.pdf`, content: await campaignReportPdf(report) },
  };
}

async function overviewText(em: EntityManager, schedule: IReportSchedule, period: { from: string; to: string }, runAt: Date): Promise<RenderedReport> {
  const report = await overviewReport(em, schedule.workspace.id, { ...period, campaignId: schedule.campaign?.id, live: false }, runAt);
  const lines = [`The three layers per source kind, ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)} (to exclusive).`, ''];
  for (const kind of report.kinds) {
    lines.push(
      `${words(kind.sourceKind)}: ${count(kind.audience.posts)} posts, reach ${count(kind.audience.reach.value)}, engagement rate ${percent(kind.audience.engagement_rate.value)}` +
        (kind.commerce ? `, cost ${pdfMoney(kind.commerce.cost?.total)}, ROI ${percent(kind.commerce.roi.value)}` : `, commerce not available (${kind.commerceUnavailable ?? 'no reason given'})`) +
        (kind.production ? `, ${count(kind.production.approved_assets)} approved assets` : ''),
    );
  }
  return { subject: `${schedule.name}: overview, ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)}`, text: lines.join('\n') };
}

async function comparisonText(em: EntityManager, schedule: IReportSchedule, runAt: Date): Promise<RenderedReport> {
  const report = await comparisonReport(em, schedule.workspace.id, { windowDays: COMPARISON_WINDOW_DAYS, campaignId: schedule.campaign?.id, live: false, asOf: runAt.toISOString() }, runAt);
  const lines = [`Each source over its first ${COMPARISON_WINDOW_DAYS} days since launch, as of ${runAt.toISOString()}.`, ''];
  for (const ranking of report.rankings) {
    lines.push(`${words(ranking.kpiId)} (${ranking.direction === 'higher_is_better' ? 'higher is better' : 'lower is better'}${ranking.currency ? `, ${ranking.currency}` : ''}):`);
    for (const entry of ranking.entries) lines.push(`- ${entry.rank === null ? '–' : `#${entry.rank}`} ${entry.name} (${words(entry.kind)}): ${entry.status === 'ranked' ? count(entry.value) : words(entry.status)}`);
  }
  if (report.rankings.length === 0) lines.push('No source to compare yet.');
  return { subject: `${schedule.name}: comparison as of ${runAt.toISOString().slice(0, 10)}`, text: lines.join('\n') };
}

async function brandSafetyText(em: EntityManager, schedule: IReportSchedule, period: { from: string; to: string }): Promise<RenderedReport> {
  const report = await brandSafetyReport(em, schedule.workspace.id, { ...period, campaignId: schedule.campaign?.id });
  const share = report.kpis.sentiment_share;
  const lines = [
    `Comments posted ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)} (to exclusive): ${count(report.totals.comments)}, classified ${count(report.totals.classified)}.`,
    share ? `Sentiment: positive ${percent(share.positive)}, neutral ${percent(share.neutral)}, negative ${percent(share.negative)}.` : `Sentiment: ${report.kpis.reason ?? 'not known'}.`,
    `Flagged: ${count(report.totals.flagged)} (${percent(report.kpis.flagged_comment_rate)}).`,
    ...report.flaggedByCategory.filter((category) => category.count > 0).map((category) => `- ${words(category.category)}: ${count(category.count)} (${percent(category.rate)})`),
    `Spikes: ${report.spikes.length === 0 ? 'none' : report.spikes.map((spike) => `${spike.day} ${words(spike.metric)} ${percent(spike.share)}`).join('; ')}.`,
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
