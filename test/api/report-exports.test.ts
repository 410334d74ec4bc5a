import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { parseCsv } from '../support/csv.ts';

/*
 * Every report as JSON (default) and as CSV. The campaign, its source and its keywords carry text a
 * spreadsheet would run as a formula; the CSV must show it as text, quoted per RFC 4180.
 *
 * "=HYPERLINK(...)" (traffic, USD, 2026-03-01 → 03-31, usage rights 100.00): one post of the AI character
 * `@Léa, "the" star` on 03-05, latest snapshot 20,000 impressions; 300 clicks and 6 target actions.
 * cost = usage rights 100.00 + production 100.00 (generation) = 200.00 → CTR 1.5 % strong, CPA 33.33… strong.
 */

const EVIL_CAMPAIGN = '=HYPERLINK("http://evil.example","click")';
const EVIL_SOURCE = '@Léa, "the" star';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let campaign: string;

async function csv(url: string) {
  const response = await harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.key}` } });
  expect(response.statusCode, response.body).toBe(200);
  return { headers: response.headers, text: response.body, rows: parseCsv(response.body) };
}

const row = (rows: string[][], section: string, metric: string) => rows.find((r) => r[0] === section && r[1] === metric);

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  const lea = (await client.post('/v1/sources', { kind: 'ai_character', name: EVIL_SOURCE, launchedOn: '2026-01-01' })).body.id;
  campaign = (await client.post('/v1/campaigns', { name: EVIL_CAMPAIGN, goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: '-1+1', trackingKeywords: ['+cmd', '@rival'] })).body.id;
  await client.post('/v1/cost-lines', { campaignId: campaign, sourceId: lea, kind: 'usage_rights', amountMinor: 10_000, currency: 'USD', incurredOn: '2026-03-01' });
  const brief = (await client.post('/v1/briefs', { campaignId: campaign, sourceId: lea, title: 'b', openedAt: '2026-02-01T00:00:00Z' })).body.id;
  const asset = (await client.post('/v1/assets', { briefId: brief, title: 'a', kind: 'image', tool: 'gen', currency: 'USD', generationCostMinor: 10_000, productionHours: 0, draftedAt: '2026-02-01T00:00:00Z' })).body.id;
  await client.post(`/v1/assets/${asset}/submit`, { submittedAt: '2026-02-01T00:00:00Z' });
  await client.post(`/v1/assets/${asset}/reviews`, { decision: 'approve', decidedAt: '2026-02-01T00:00:00Z' });
  const post = (await client.post(`/v1/assets/${asset}/publish`, { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true, publishedAt: '2026-03-05T10:00:00Z' })).body.post.id;
  await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: post, capturedAt: '2026-03-06T00:00:00Z', impressions: 20_000 }] });
  await client.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId: lea, date: '2026-03-01', followers: 1_000 }, { sourceId: lea, date: '2026-03-31', followers: 1_100 }] });
  const link = (await client.post('/v1/tracking-links', { campaignId: campaign, sourceId: lea, postId: post, landingUrl: 'https://shop.example/' })).body.id;
  await client.post('/v1/conversions/bulk', { counts: [{ linkId: link, day: '2026-03-10', clicks: 300, targetActions: 6, currency: 'USD' }] });
});
afterAll(() => harness.close());

const reports = () => [
  ['production', '/v1/reports/production', 'production-report'],
  ['audience', '/v1/reports/audience', 'audience-report'],
  ['commercial', '/v1/reports/commercial', 'commercial-report'],
  ['brand-safety', '/v1/reports/brand-safety', 'brand-safety-report'],
  ['overview', '/v1/reports/overview', 'overview-report'],
  ['comparison', '/v1/reports/comparison?goal=traffic&asOf=2026-06-15', 'comparison-report'],
  ['campaign', `/v1/reports/campaign/${campaign}`, `campaign-report-${campaign}`],
] as const;

describe('report exports', () => {
  it.each(['production', 'audience', 'commercial', 'brand-safety', 'overview', 'comparison', 'campaign'])('the %s report answers JSON by default and with format=json, CSV with format=csv', async (report) => {
    const [, url, name] = reports().find(([which]) => which === report)!;
    const join = url.includes('?') ? '&' : '?';
    const plain = await client.request('GET', url);
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    const json = await client.request('GET', `${url}${join}format=json`);
    expect({ ...json.body, generatedAt: undefined }).toEqual({ ...plain.body, generatedAt: undefined });

    const exported = await csv(`${url}${join}format=csv`);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="${name}.csv"`);
    expect(exported.rows[0]).toEqual(['section', 'metric', 'value', 'tier', 'currency']);
    expect(exported.rows.length).toBeGreaterThan(5);
    expect(exported.rows.every((r) => r.length === 5)).toBe(true);
    expect(exported.text.endsWith('\r\n')).toBe(true);
  });

  it('refuses an unknown format (400)', async () => {
    const response = await client.get('/v1/reports/overview?format=xlsx');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('querystring.format');
  });

  it('flattens a report into one row per figure, with its tier and currency', async () => {
    const { rows } = await csv(`/v1/reports/commercial?campaignId=${campaign}&format=csv`);
    expect(row(rows, 'kpis', 'ctr')).toEqual(['kpis', 'ctr', '1.5', 'strong', '']);
    expect(row(rows, 'kpis', 'ctr.base')).toEqual(['kpis', 'ctr.base', 'impressions', '', '']);
    expect(row(rows, 'kpis', 'cpa')).toEqual(['kpis', 'cpa', String(20_000 / 6 / 100), 'strong', 'USD']);
    expect(row(rows, 'kpis', 'cost.total.amountMinor')).toEqual(['kpis', 'cost.total.amountMinor', '20000', '', 'USD']);
    expect(row(rows, 'funnel', 'steps[clicks].count')).toEqual(['funnel', 'steps[clicks].count', '300', '', '']);
    expect(row(rows, 'insights', '[ctr].text')?.[2]).toMatch(/^CTR of 1\.5 % is strong/);
  });

  it('neutralises cells a spreadsheet would run as formulas and quotes them per RFC 4180', async () => {
    const { rows, text } = await csv(`/v1/reports/campaign/${campaign}?format=csv`);
    expect(row(rows, 'campaign', 'name')).toEqual(['campaign', 'name', `'${EVIL_CAMPAIGN}`, '', '']);
    expect(text).toContain(`campaign,name,"'=HYPERLINK(""http://evil.example"",""click"")",,\r\n`);
    expect(row(rows, 'campaign', 'targetAction')?.[2]).toBe("'-1+1");
    expect(row(rows, 'campaign', 'trackingKeywords[0]')?.[2]).toBe("'+cmd");
    expect(row(rows, 'campaign', 'trackingKeywords[1]')?.[2]).toBe("'@rival");
    // A source name with a comma and quotes, starting with @: neutralised, then quoted.
    const names = rows.filter((r) => r[1]!.endsWith('.name') && r[1]!.includes('sources['));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((r) => r[2] === `'${EVIL_SOURCE}`)).toBe(true);
    expect(text).toContain(`"'@Léa, ""the"" star"`);
    // Numbers stay numbers, even negative ones, and no cell begins with a formula character.
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('exports the comparison, the overview and the campaign report with their figures', async () => {
    const comparison = await csv('/v1/reports/comparison?goal=traffic&asOf=2026-06-15&format=csv');
    const leaId = (await client.get('/v1/sources')).body.items[0].id;
    expect(row(comparison.rows, 'rankings', `[ctr].entries[${leaId}].rank`)?.[2]).toBe('1');
    expect(row(comparison.rows, 'sources', `[${leaId}].kpis[ctr]`)?.[2]).toBe('1.5');
    expect(row(comparison.rows, 'sources', `[${leaId}].kpis[ctr].sample.clicks`)?.[2]).toBe('300');
    const overview = await csv('/v1/reports/overview?format=csv');
    expect(row(overview.rows, 'kinds', '[ai_character].commerce.ctr')).toEqual(['kinds', '[ai_character].commerce.ctr', '1.5', 'strong', '']);
    const report = await csv(`/v1/reports/campaign/${campaign}?format=csv`);
    expect(row(report.rows, 'tieredKpis', '[cpa]')).toEqual(['tieredKpis', '[cpa]', String(20_000 / 6 / 100), 'strong', 'USD']);
    expect(row(report.rows, 'verdict', 'verdict')?.[2]).toBe('scale');
  });
});
