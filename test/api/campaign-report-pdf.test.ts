import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { kpiAsRead, num, pct, words, KPI_LABELS } from '../support/report-words.ts';

/*
 * The campaign report as PDF carries the JSON report's figures. Spring drop (traffic, USD,
 * 2026-03-01 → 03-31): one post of Léa on 03-05 with 20,000 impressions, 300 clicks and 6 target
 * actions; usage rights 100.00 + generation 100.00 = 200.00; the post's audience is 60 % FR and
 * 25.5 % DE. Every figure is read from the JSON answer and looked up in the PDF's text.
 */

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let campaign: string;


/** The line printed right after `label`, searching from the section's heading on. */
function after(lines: string[], heading: string, label: string): string | undefined {
  const from = lines.indexOf(heading);
  expect(from, `heading ${heading} in ${JSON.stringify(lines)}`).toBeGreaterThanOrEqual(0);
  const at = lines.indexOf(label, from);
  expect(at, `${label} after ${heading}`).toBeGreaterThan(from);
  return lines[at + 1];
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  const lea = (await client.post('/v1/sources', { kind: 'ai_character', name: 'Léa', launchedOn: '2026-01-01' })).body.id;
  campaign = (await client.post('/v1/campaigns', { name: 'Spring drop', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'signup', trackingKeywords: ['spring'] })).body.id;
  await client.post('/v1/cost-lines', { campaignId: campaign, sourceId: lea, kind: 'usage_rights', amountMinor: 10_000, currency: 'USD', incurredOn: '2026-03-01' });
  const brief = (await client.post('/v1/briefs', { campaignId: campaign, sourceId: lea, title: 'b', openedAt: '2026-02-01T00:00:00Z' })).body.id;
  const asset = (await client.post('/v1/assets', { briefId: brief, title: 'a', kind: 'image', tool: 'gen', currency: 'USD', generationCostMinor: 10_000, productionHours: 0, draftedAt: '2026-02-01T00:00:00Z' })).body.id;
  await client.post(`/v1/assets/${asset}/submit`, { submittedAt: '2026-02-01T00:00:00Z' });
  await client.post(`/v1/assets/${asset}/reviews`, { decision: 'approve', decidedAt: '2026-02-01T00:00:00Z' });
  const post = (await client.post(`/v1/assets/${asset}/publish`, { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true, publishedAt: '2026-03-05T10:00:00Z' })).body.post.id;
  await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: post, capturedAt: '2026-03-06T00:00:00Z', impressions: 20_000, reach: 15_000, views: 18_000, likes: 900, comments: 40, shares: 30, saves: 60 }] });
  await client.post('/v1/audience-breakdowns/bulk', {
    breakdowns: [
      { postId: post, dimension: 'country', key: 'FR', share: 60, capturedOn: '2026-03-06' },
      { postId: post, dimension: 'country', key: 'DE', share: 25.5, capturedOn: '2026-03-06' },
    ],
  });
  const link = (await client.post('/v1/tracking-links', { campaignId: campaign, sourceId: lea, postId: post, landingUrl: 'https://shop.example/' })).body.id;
  await client.post('/v1/conversions/bulk', { counts: [{ linkId: link, day: '2026-03-10', clicks: 300, targetActions: 6, currency: 'USD' }] });
});
afterAll(() => harness.close());

describe('campaign report as PDF', () => {
  it('answers an A4 PDF attachment whose text carries the JSON report’s figures', async () => {
    const json = await client.get(`/v1/reports/campaign/${campaign}`);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    const report = json.body;
    const response = await harness.app.inject({ method: 'GET', url: `/v1/reports/campaign/${campaign}?format=pdf`, headers: { authorization: `Bearer ${client.key}` } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="campaign-report-${campaign}.pdf"`);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 in points; the charts are paths, never pictures.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');

    const lines = pdfText(pdf);
    expect(lines).toContain('Campaign report: Spring drop');
    expect(lines).toContain(`Verdict: ${words(report.verdict.verdict)}`);

    expect(report.tieredKpis.length).toBeGreaterThan(3);
    for (const kpi of report.tieredKpis) {
      const value = kpiAsRead(kpi);
      expect(after(lines, 'KPIs and their tiers', KPI_LABELS[kpi.kpiId]!), kpi.kpiId).toBe(value);
      const at = lines.indexOf(KPI_LABELS[kpi.kpiId]!, lines.indexOf('KPIs and their tiers'));
      expect(lines[at + 2], `${kpi.kpiId} tier`).toBe(kpi.tier ? words(kpi.tier) : (kpi.tierUnavailable ?? 'no tier'));
    }

    for (const step of report.funnel.steps) expect(after(lines, 'Funnel', words(step.step)), step.step).toBe(num(step.count));
    for (const step of report.funnel.steps.filter((s: { rate: number | null }) => s.rate !== null)) expect(lines).toContain(`${pct(step.rate)} of previous`);
    const drop = report.funnel.biggestDrop;
    expect(drop).not.toBeNull();
    expect(lines).toContain(`Biggest drop: ${words(drop.from)} to ${words(drop.to)}, ${pct(drop.rate)} go on (${pct(drop.drop)} lost)`);

    expect(report.cost.total).toEqual({ amountMinor: 20_000, currency: 'USD' });
    expect(after(lines, 'Cost', 'Total')).toBe('USD 200.00');

    expect(after(lines, 'Reach and engagement', 'Reach')).toBe(num(report.reach.reach.value));
    expect(after(lines, 'Reach and engagement', 'Impressions')).toBe(num(report.reach.impressions.value));
    expect(after(lines, 'Reach and engagement', 'Engagement rate')).toBe(pct(report.engagement.engagement_rate.value));
    expect(report.reach.reach.value).toBe(15_000);

    const countries = report.audienceQuality.country.shares as { key: string; share: number }[];
    expect(countries.map((c) => c.key)).toEqual(['FR', 'DE']);
    for (const country of countries) expect(after(lines, 'Audience by country', country.key)).toBe(pct(country.share));
  });

  it('records the download in the audit log like the other formats', async () => {
    const log = await client.get('/v1/audit-log?action=export');
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    expect(log.body.items.some((entry: { details: { format?: string } }) => entry.details.format === 'pdf')).toBe(true);
  });
});
