import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBrandApp, type Client } from '../support/api-harness.ts';
import { parseCsv } from '../support/csv.ts';

// GET /v1/assets/export: the Assets page as a file, on the demo brand (18 assets, demo-brand.data.ts).
const now = new Date('2026-11-21T12:00:00Z');
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","BTS")';
let demo: Awaited<ReturnType<typeof startDemoBrandApp>>;
let client: Client;

beforeAll(async () => {
  demo = await startDemoBrandApp(now);
  client = demo.client;
  // The draft "Behind the scenes" gets a title a spreadsheet would run as a formula.
  const drafts = await client.get('/v1/assets?state=draft');
  const draft = drafts.body.items.find((a: { title: string }) => a.title === 'Behind the scenes');
  expect((await client.patch(`/v1/assets/${draft.id}`, { title: FORMULA_TITLE })).status).toBe(200);
});
afterAll(() => demo.close());

const download = (url: string) => demo.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.key}` } });

describe('GET /v1/assets/export', () => {
  it('answers every asset matching the filters as JSON, newest first, with campaign and source names', async () => {
    const { status, body } = await client.get('/v1/assets/export');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(18);
    const listed = await client.get('/v1/assets?limit=50');
    expect(body.items.map((a: { id: string }) => a.id)).toEqual(listed.body.items.map((a: { id: string }) => a.id));
    const skit = body.items.find((a: { title: string }) => a.title === 'Summer skit');
    expect(skit).toMatchObject({ campaignName: 'Summer awareness', sourceName: 'Jon Rivera', state: 'published', tool: 'camera', generationCostMinor: 0, otherCostMinor: 20_000, productionHours: 8, currency: 'USD' });
    expect(skit.legalActions).toBeUndefined();

    // Rejected: the serum close-up and the lookbook stills.
    const rejected = await client.get('/v1/assets/export?state=rejected');
    expect(rejected.body.items.map((a: { title: string }) => a.title).sort()).toEqual(['Lookbook stills', 'Serum close-up v1']);
  });

  it('answers one CSV row per asset under a header, formulas shown as text, and records the download', async () => {
    const response = await download('/v1/assets/export?format=csv&state=draft');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="assets.csv"');
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual(['id', 'title', 'kind', 'state', 'campaignId', 'campaignName', 'sourceId', 'sourceName', 'briefId', 'tool', 'toolVersion', 'promptRef', 'currency', 'generationCostMinor', 'otherCostMinor', 'productionHours', 'createdAt', 'updatedAt']);
    const json = await client.get('/v1/assets/export?state=draft');
    expect(rows).toHaveLength(json.body.items.length);
    const bts = rows.find((row) => row[1]!.includes('HYPERLINK'))!;
    expect(bts[1]).toBe(`'${FORMULA_TITLE}`);
    expect(bts.slice(3, 6)).toEqual(['draft', json.body.items.find((a: { title: string }) => a.title === FORMULA_TITLE).campaignId, 'Community challenge']);
    expect(bts[13]).toBe('800');

    const audit = await client.get('/v1/audit-log?action=export');
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'export', details: { report: 'assets', format: 'csv', filters: { state: 'draft' } } })]));
  });

  it('refuses an unknown state (400 naming it) and a campaign not in the workspace (404)', async () => {
    const badState = await client.get('/v1/assets/export?state=lost');
    expect(badState.status).toBe(400);
    expect(badState.body.errors.map((e: { field: string }) => e.field)).toContain('querystring.state');
    const unknownCampaign = await client.get('/v1/assets/export?campaignId=00000000-0000-4000-8000-000000000000');
    expect(unknownCampaign.status).toBe(404);
  });
});
