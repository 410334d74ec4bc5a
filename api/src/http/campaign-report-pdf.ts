import PDFDocument from 'pdfkit';
import { minorUnitDigits } from '@persona-ops/domain/core';
import type { CampaignReport } from '@persona-ops/domain/core';

// The campaign report as an A4 PDF: the page's figures (verdict, tiered KPIs, funnel, cost, reach
// and engagement, audience by country) and its charts drawn as vector paths, so they print sharp.
// Figures are formatted here once, in en-US, so the PDF reads the same on every server.

const PAGE_MARGIN = 48;
const INK = '#1c2430';
const MUTED = '#5c6675';
const TIER_COLORS = { weak: '#e03131', average: '#f08c00', strong: '#2f9e44', exceptional: '#1971c2' } as const;
const PERCENT_KPIS = new Set(['engagement_rate', 'audience_growth_rate', 'ctr', 'conversion_rate', 'roi']);

/** How the page names each tiered KPI: people read "Cost per click", not cpc. */
export const KPI_LABELS: Record<CampaignReport['tieredKpis'][number]['kpiId'], string> = {
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

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A count or measure, or why it is missing: missing is never printed as 0. */
export function pdfNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? 'not known' : numberFormat.format(value);
}

export function pdfPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? 'not known' : `${numberFormat.format(value)} %`;
}

export function pdfMoney(money: { amountMinor: number; currency: string } | null | undefined): string {
  if (!money) return 'not known';
  const digits = minorUnitDigits(money.currency);
  const major = money.amountMinor / 10 ** digits;
  return `${money.currency} ${new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major)}`;
}

export function pdfKpiValue(kpi: CampaignReport['tieredKpis'][number]): string {
  if (kpi.value === null) return 'not known';
  if (kpi.currency && !PERCENT_KPIS.has(kpi.kpiId)) return `${kpi.currency} ${numberFormat.format(kpi.value)}`;
  return PERCENT_KPIS.has(kpi.kpiId) ? pdfPercent(kpi.value) : pdfNumber(kpi.value);
}

export function words(key: string): string {
  const text = key.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The standard PDF fonts encode WinAnsi only: signs outside it are spelled the ASCII way rather
// than printed as the wrong glyph.
function printable(text: string): string {
  return text
    .replaceAll('−', '-')
    .replaceAll('→', '->')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replaceAll('≈', '~')
    .replace(/[^\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\n]/g, '?');
}

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string) {
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(INK).text(printable(text));
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
}

function line(doc: Doc, label: string, value: string) {
  if (doc.y > doc.page.height - PAGE_MARGIN - 20) doc.addPage();
  const y = doc.y;
  doc.font('Helvetica').fillColor(MUTED).text(printable(label), PAGE_MARGIN, y, { width: 230 });
  const after = doc.y;
  doc.fillColor(INK).text(printable(value), PAGE_MARGIN + 240, y, { width: doc.page.width - 2 * PAGE_MARGIN - 240 });
  doc.x = PAGE_MARGIN;
  doc.y = Math.max(after, doc.y);
}

/** A horizontal bar of the KPI's tier bands (weak → exceptional) with the value marked. */
function tierBar(doc: Doc, kpi: CampaignReport['tieredKpis'][number], x: number, y: number, width: number) {
  const t = kpi.thresholds;
  const higher = t.direction === 'higher_is_better';
  const top = Math.max(t.exceptional, t.average, kpi.value ?? 0) * 1.25 || 1;
  const at = (v: number) => x + (Math.min(Math.max(v, 0), top) / top) * width;
  const bands = higher
    ? [['weak', 0, t.average], ['average', t.average, t.strong], ['strong', t.strong, t.exceptional], ['exceptional', t.exceptional, top]]
    : [['exceptional', 0, t.exceptional], ['strong', t.exceptional, t.strong], ['average', t.strong, t.average], ['weak', t.average, top]];
  for (const [tier, from, to] of bands as [keyof typeof TIER_COLORS, number, number][]) {
    doc.rect(at(from), y, Math.max(at(to) - at(from), 0), 8).fillOpacity(0.35).fill(TIER_COLORS[tier]);
  }
  doc.fillOpacity(1);
  if (kpi.value !== null) {
    const mx = at(kpi.value);
    doc.moveTo(mx, y - 3).lineTo(mx, y + 11).lineWidth(2).stroke(INK);
  }
}

function verdictSection(doc: Doc, report: CampaignReport) {
  heading(doc, `Verdict: ${words(report.verdict.verdict)}`);
  doc.fillColor(INK).text(printable(report.verdict.reason));
  if (report.verdict.decisive.length) doc.fillColor(MUTED).text(printable(`Decided by: ${report.verdict.decisive.map(words).join(', ')}`));
}

function kpiSection(doc: Doc, report: CampaignReport) {
  heading(doc, 'KPIs and their tiers');
  for (const kpi of report.tieredKpis) {
    if (doc.y > doc.page.height - PAGE_MARGIN - 40) doc.addPage();
    const y = doc.y;
    doc.font('Helvetica').fillColor(INK).text(printable(KPI_LABELS[kpi.kpiId]), PAGE_MARGIN, y, { width: 150 });
    doc.text(printable(pdfKpiValue(kpi)), PAGE_MARGIN + 155, y, { width: 95 });
    doc.text(printable(kpi.tier ? words(kpi.tier) : (kpi.tierUnavailable ?? 'no tier')), PAGE_MARGIN + 255, y, { width: 90 });
    tierBar(doc, kpi, PAGE_MARGIN + 350, y + 2, doc.page.width - 2 * PAGE_MARGIN - 350);
    doc.x = PAGE_MARGIN;
    doc.y = Math.max(doc.y, y + 16);
    doc.fontSize(8).fillColor(MUTED).text(printable(`${t(kpi.thresholds)} (${kpi.thresholds.source === 'default' ? 'defaults' : 'workspace thresholds'})`), PAGE_MARGIN + 155);
    doc.fontSize(10).moveDown(0.3);
    doc.x = PAGE_MARGIN;
  }
}

const t = (th: CampaignReport['tieredKpis'][number]['thresholds']) =>
  `average ${numberFormat.format(th.average)} · strong ${numberFormat.format(th.strong)} · exceptional ${numberFormat.format(th.exceptional)}`;

function funnelSection(doc: Doc, report: CampaignReport) {
  heading(doc, 'Funnel');
  const first = report.funnel.steps[0]?.count ?? null;
  const barWidth = doc.page.width - 2 * PAGE_MARGIN - 300;
  for (const step of report.funnel.steps) {
    const y = doc.y;
    doc.fillColor(INK).text(printable(words(step.step)), PAGE_MARGIN, y, { width: 110 });
    doc.text(pdfNumber(step.count), PAGE_MARGIN + 110, y, { width: 80 });
    doc.fillColor(MUTED).text(step.rate === null ? '' : `${pdfPercent(step.rate)} of previous`, PAGE_MARGIN + 190, y, { width: 105 });
    if (step.count !== null && first) {
      doc.rect(PAGE_MARGIN + 300, y + 1, Math.max((step.count / first) * barWidth, 1), 10).fill('#3b5bdb');
    }
    doc.x = PAGE_MARGIN;
    doc.y = Math.max(doc.y, y + 15);
  }
  const drop = report.funnel.biggestDrop;
  doc.fillColor(INK).text(printable(drop ? `Biggest drop: ${words(drop.from)} to ${words(drop.to)}, ${pdfPercent(drop.rate)} go on (${pdfPercent(drop.drop)} lost)` : 'Biggest drop: not known'));
}

function costSection(doc: Doc, report: CampaignReport) {
  heading(doc, 'Cost');
  const cost = report.cost;
  if (!cost) return void doc.text('No cost is recorded for this campaign.');
  line(doc, 'Total', cost.total ? pdfMoney(cost.total) : `not known: no cost recorded for ${cost.missing.length} of the sources`);
  for (const part of cost.components) line(doc, part.label, pdfMoney(part.amount));
  line(doc, 'Budget', report.pacing.budget ? pdfMoney(report.pacing.budget) : 'not set');
  line(doc, 'Spent of budget', pdfPercent(report.pacing.spentOfBudget));
}

function reachSection(doc: Doc, report: CampaignReport) {
  heading(doc, 'Reach and engagement');
  line(doc, 'Reach', pdfNumber(report.reach.reach.value));
  line(doc, 'Impressions', pdfNumber(report.reach.impressions.value));
  line(doc, 'Views', pdfNumber(report.reach.views.value));
  const e = report.engagement;
  line(doc, 'Engagement rate', pdfPercent(e.engagement_rate.value));
  line(doc, 'Engagement rate by views', pdfPercent(e.engagement_rate_by_views.value));
  line(doc, 'Save rate', pdfPercent(e.save_rate.value));
  line(doc, 'Share rate', pdfPercent(e.share_rate.value));
  line(doc, 'Audience growth rate', pdfPercent(e.audience_growth_rate.value));
  line(doc, 'Brand mentions per post', pdfNumber(e.brand_mentions_per_post.value));
}

function countrySection(doc: Doc, report: CampaignReport) {
  heading(doc, 'Audience by country');
  const country = report.audienceQuality?.country;
  if (!country || country.shares.length === 0) return void doc.text('No audience breakdown by country is known for this campaign.');
  doc.fillColor(MUTED).text(`From ${country.subjects} of ${country.inScope} ${country.basis} with a breakdown`).moveDown(0.3);
  const barWidth = doc.page.width - 2 * PAGE_MARGIN - 200;
  for (const share of country.shares.slice(0, 12)) {
    if (doc.y > doc.page.height - PAGE_MARGIN - 20) doc.addPage();
    const y = doc.y;
    doc.fillColor(INK).text(printable(share.key), PAGE_MARGIN, y, { width: 100 });
    doc.text(pdfPercent(share.share), PAGE_MARGIN + 100, y, { width: 90 });
    if (share.share !== null) doc.rect(PAGE_MARGIN + 200, y + 1, Math.max((share.share / 100) * barWidth, 1), 10).fill('#5f3dc4');
    doc.x = PAGE_MARGIN;
    doc.y = Math.max(doc.y, y + 15);
  }
}

/** Renders the report; resolves with the whole file. */
export function campaignReportPdf(report: CampaignReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE_MARGIN, info: { Title: printable(`Campaign report: ${report.campaign.name}`), Producer: 'persona-ops' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text(printable(`Campaign report: ${report.campaign.name}`));
  doc.font('Helvetica').fontSize(10).fillColor(MUTED);
  doc.text(printable(`${report.campaign.startsOn} to ${report.campaign.endsOn} · goal ${words(report.campaign.goal)} · amounts in ${report.currency} · generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`));
  verdictSection(doc, report);
  kpiSection(doc, report);
  funnelSection(doc, report);
  costSection(doc, report);
  reachSection(doc, report);
  countrySection(doc, report);
  if (report.notes.length) {
    heading(doc, 'Notes');
    for (const note of report.notes) doc.fillColor(MUTED).text(printable(`• ${note}`));
  }
  doc.end();
  return done;
}
