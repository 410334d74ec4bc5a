import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { approvedAsset, publishAsset } from './campaign-fixtures.ts';

/*
 * Cost truth, worked by hand.
 *
 * "Solo" (lead generation, USD, 2026-03-01 → 03-31, budget 5,000.00): Jon Rivera, a human creator,
 * paid a flat fee of 1,000.00 for one post (organic; snapshot 50,000 impressions, 20,000 views);
 * through his link: 800 clicks, 100 registrations, 25 target actions, 10 sales for 3,000.00.
 *   cost 1,000.00 · CPM 1,000 / 50,000 × 1,000 = 20.00 · CPV 1,000 / 20,000 = 0.05 strong (the
 *   boundary goes to the better tier) · CTR 800 / 50,000 = 1.6 % strong · CPC 1.25 average ·
 *   CPR 10.00 · CPA 40.00 strong · conversion 25 / 800 = 3.125 % strong · 25 target actions weak ·
 *   ROI (3,000 − 1,000) / 1,000 = 200 % strong (boundary).
 *
 * "Planned" (same shape, budget 500.00): Jon posts, nothing is recorded → cost unknown: every cost
 * KPI null with no tier, the prompt names Jon, and the verdict is decided without them.
 *
 * "Duo" (awareness): a 2,000.00 fee shared by Jon (3 posts) and Mia (1 post): by deliverables
 * 1,500.00 / 500.00; a 900.00 usage-rights line split explicitly 70 / 30 → 630.00 / 270.00.
 */
let harness: Awaited<ReturnType<typeof startTestApp>>;
let client: Client;
let jon: string;
let mia: string;
let solo: string;
let planned: string;
let duo: string;

async function postFor(campaignId: string, sourceId: string, publishedAt: string) {
  const asset = await approvedAsset(client, campaignId, sourceId, 'USD', { generationCostMinor: 0, otherCostMinor: 0, productionHours: 1 });
  return publishAsset(client, asset, 'instagram', publishedAt);
}

async function campaign(name: string, goal: string, budgetMinor: number) {
  const created = await client.post('/v1/campaigns', { name, goal, startsOn: '2026-03-01', endsOn: '2026-03-31', budgetMinor, currency: 'USD', targetAction: 'sign_up' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  harness = await startTestApp();
  client = harness.admin;
  jon = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Jon Rivera', launchedOn: '2025-01-01' })).body.id;
  mia = (await client.post('/v1/sources', { kind: 'human_creator', name: 'Mia Chen', launchedOn: '2025-01-01' })).body.id;

  solo = await campaign('Solo', 'lead_generation', 500_000);
  const soloPost = await postFor(solo, jon, '2026-03-05T10:00:00Z');
  await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: soloPost, capturedAt: '2026-03-20T00:00:00Z', impressions: 50_000, views: 20_000 }] });
  const link = (await client.post('/v1/tracking-links', { campaignId: solo, sourceId: jon, postId: soloPost, landingUrl: 'https://shop.example/' })).body.id;
  await client.post('/v1/conversions/bulk', { counts: [{ linkId: link, day: '2026-03-10', clicks: 800, registrations: 100, targetActions: 25, sales: 10, revenueMinor: 300_000, currency: 'USD' }] });

  planned = await campaign('Planned', 'lead_generation', 50_000);
  const plannedPost = await postFor(planned, jon, '2026-03-06T10:00:00Z');
  await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId: plannedPost, capturedAt: '2026-03-20T00:00:00Z', impressions: 10_000, views: 5_000 }] });

  duo = await campaign('Duo', 'awareness', 0);
  for (const day of ['05', '06', '07']) await postFor(duo, jon, `2026-03-${day}T10:00:00Z`);
  await postFor(duo, mia, '2026-03-08T10:00:00Z');
});
afterAll(() => harness.close());

const commercial = async (query: string) => {
  const response = await client.get(`/v1/reports/commercial?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

describe('a creator paid a flat fee for one post', () => {
  it('records the fee and answers the line', async () => {
    const created = await client.post('/v1/cost-lines', { campaignId: solo, sourceId: jon, kind: 'creator_fee', amountMinor: 100_000, currency: 'USD', incurredOn: '2026-03-02', status: 'spent', externalId: 'INV-1' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ campaignId: solo, sourceId: jon, kind: 'creator_fee', basis: 'flat', unitAmountMinor: 100_000, deliverables: 1, amountMinor: 100_000, currency: 'USD', incurredOn: '2026-03-02', status: 'spent', split: null, shares: null, externalId: 'INV-1' });
  });

  it('gives every cost KPI its value and tier', async () => {
    const body = await commercial(`campaignId=${solo}`);
    expect(body.kpis.cost.total).toEqual({ amountMinor: 100_000, currency: 'USD' });
    expect(body.kpis.cost.missing).toEqual([]);
    expect(body.kpis.cpm).toEqual({ value: 20, currency: 'USD' });
    expect(body.kpis.cpv).toMatchObject({ value: 0.05, tier: 'strong' });
    expect(body.kpis.ctr).toMatchObject({ value: 1.6, tier: 'strong', base: 'impressions' });
    expect(body.kpis.cpc).toMatchObject({ value: 1.25, tier: 'average' });
    expect(body.kpis.cpr).toEqual({ value: 10, currency: 'USD' });
    expect(body.kpis.cpa).toMatchObject({ value: 40, tier: 'strong' });
    expect(body.kpis.conversion_rate).toMatchObject({ value: 3.125, tier: 'strong' });
    expect(body.kpis.target_actions).toMatchObject({ value: 25, tier: 'weak' });
    expect(body.kpis.roi).toMatchObject({ value: 200, tier: 'strong' });
  });

  it('shows budget, committed and spent side by side on the campaign report', async () => {
    const body = (await client.get(`/v1/reports/campaign/${solo}`)).body;
    expect(body.pacing).toMatchObject({
      budget: { amountMinor: 500_000, currency: 'USD' },
      committed: { amountMinor: 100_000, currency: 'USD' },
      spent: { amountMinor: 100_000, currency: 'USD' },
      committedOfBudget: 20,
      spentOfBudget: 20,
      periodElapsed: 100,
      sources: [{ sourceId: jon, sourceName: 'Jon Rivera', committed: { amountMinor: 100_000, currency: 'USD' }, spent: { amountMinor: 100_000, currency: 'USD' } }],
    });
  });

  it('updates the line sent again with the same externalId instead of adding one', async () => {
    const again = await client.post('/v1/cost-lines/bulk', { lines: [{ campaignId: solo, sourceId: jon, kind: 'creator_fee', amountMinor: 100_000, currency: 'USD', incurredOn: '2026-03-02', status: 'spent', externalId: 'INV-1' }] });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const list = (await client.get(`/v1/cost-lines?campaignId=${solo}`)).body;
    expect(list.items).toHaveLength(1);
  });
});

describe('a campaign with a budget but no cost', () => {
  it('answers nulls, not zeros, with the prompt, and keeps cost out of the verdict', async () => {
    const body = await commercial(`campaignId=${planned}`);
    expect(body.kpis.cost.total).toBeNull();
    expect(body.kpis.cost.missing.map((m: { sourceId: string; prompt: string }) => [m.sourceId, m.prompt])).toEqual([
      [jon, 'No cost recorded for Jon Rivera on Planned: record the creator fee (flat or per deliverable) with POST /v1/cost-lines.'],
    ]);
    for (const id of ['cpm', 'cpv', 'cpc', 'cpr', 'cpa', 'roi']) {
      expect(body.kpis[id].value, id).toBeNull();
      if ('tier' in body.kpis[id]) expect(body.kpis[id].tier, id).toBeNull();
    }
    // The impressions are known: only the cost is missing.
    expect(body.inputs.impressions).toBe(10_000);
    expect(body.verdict.reason).not.toMatch(/cpa (weak|average|strong|exceptional)/);
    const report = (await client.get(`/v1/reports/campaign/${planned}`)).body;
    expect(report.pacing).toMatchObject({ budget: { amountMinor: 50_000 }, committed: { amountMinor: 0 }, committedOfBudget: 0 });
  });
});

describe('a fee shared by two creators', () => {
  it('splits by deliverables and by explicit shares, naming the rule', async () => {
    const shared = await client.post('/v1/cost-lines/bulk', { lines: [
      { campaignId: duo, kind: 'creator_fee', amountMinor: 200_000, currency: 'USD', incurredOn: '2026-03-01', split: 'deliverables' },
      { campaignId: duo, kind: 'usage_rights', amountMinor: 90_000, currency: 'USD', incurredOn: '2026-03-01', split: 'explicit', shares: { [jon]: 70, [mia]: 30 } },
    ] });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.inserted).toBe(2);

    const whole = await commercial(`campaignId=${duo}`);
    expect(whole.kpis.cost.total).toEqual({ amountMinor: 290_000, currency: 'USD' });
    const jonCost = await commercial(`campaignId=${duo}&sourceId=${jon}`);
    expect(jonCost.kpis.cost.components.filter((c: { items: number }) => c.items > 0).map((c: { kind: string; amount: { amountMinor: number } }) => [c.kind, c.amount.amountMinor])).toEqual([['creator_fee', 150_000], ['usage_rights', 63_000]]);
    expect(jonCost.kpis.cost.total.amountMinor).toBe(213_000);
    expect(jonCost.kpis.cost.splitRules).toEqual([
      'split in proportion to each source’s deliverables (posts) on the campaign',
      'split by the percentages recorded with the line',
    ]);
    const miaCost = await commercial(`campaignId=${duo}&sourceId=${mia}`);
    expect(miaCost.kpis.cost.total.amountMinor).toBe(77_000);
  });
});

describe('a fee in another currency than the campaign', () => {
  it("counts in the campaign's currency at the rate of its day, in the cost and in the pacing; names a missing rate", async () => {
    const abroad = await campaign('Abroad', 'traffic', 100_000);
    await postFor(abroad, mia, '2026-03-05T10:00:00Z');
    expect((await client.post('/v1/cost-lines', { campaignId: abroad, sourceId: mia, kind: 'creator_fee', amountMinor: 50_000, currency: 'EUR', incurredOn: '2026-03-02' })).status).toBe(201);
    const missing = await client.get(`/v1/reports/campaign/${abroad}`);
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toMatch(/^No exchange rate from EUR to USD for 2026-03-02/);

    await client.post('/v1/fx-rates/bulk', { rates: [{ day: '2026-03-02', base: 'EUR', quote: 'USD', rate: '1.2' }] });
    const report = (await client.get(`/v1/reports/campaign/${abroad}`)).body;
    // 500.00 EUR × 1.2 = 600.00 USD: 60 % of the 1,000.00 budget.
    expect(report.cost.total).toEqual({ amountMinor: 60_000, currency: 'USD' });
    expect(report.pacing).toMatchObject({ committed: { amountMinor: 60_000, currency: 'USD' }, committedOfBudget: 60, spent: { amountMinor: 0 } });
  });
});

describe('a CSV of cost lines', () => {
  const upload = async (csv: string) => {
    const response = await harness.app.inject({ method: 'POST', url: '/v1/imports/cost-lines', headers: { authorization: `Bearer ${client.key}`, 'content-type': 'text/csv' }, payload: csv });
    return { status: response.statusCode, body: response.json() };
  };

  it('records the good rows by name or id, answers every other row with its line, column and reason, and changes nothing when sent again', async () => {
    const csv = [
      'Campaign,Source,Kind,Basis,Amount,Deliverables,Currency,Date,Status,Split,Shares,External ID,Note',
      'Duo,Jon Rivera,creator fee,per deliverable,"1,250.00",2,USD,2026-03-03,spent,,,INV-77,Two reels',
      `${duo},,usage rights,flat,300,,USD,2026-03-04,committed,explicit,Jon Rivera: 50; Mia Chen: 50,INV-78,`,
      'Nope,Jon Rivera,creator fee,flat,10,,USD,2026-03-03,,,,,',
      'Duo,Jon Rivera,creator fee,flat,ten dollars,,USD,2026-03-03,,,,,',
      'Duo,,other,flat,5,,USD,2026-03-03,,,,,',
    ].join('\n');
    const first = await upload(csv);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rows: 5, inserted: 2, updated: 0, unchanged: 0, rejectedCount: 3 });
    expect(first.body.rejected).toEqual([
      { line: 4, column: 'Campaign', reason: 'no campaign named "Nope" in this workspace' },
      { line: 5, column: 'Amount', reason: 'is not an amount: write 1500.00 or 1,500.00 in major units (a dot before the cents)' },
      { line: 6, column: 'Split', reason: expect.stringContaining('A shared line (no sourceId) needs split') },
    ]);
    const lines = (await client.get(`/v1/cost-lines?campaignId=${duo}&limit=200`)).body.items as Array<{ externalId: string | null; amountMinor: number; unitAmountMinor: number; deliverables: number; shares: Record<string, number> | null; note: string | null }>;
    expect(lines.find((l) => l.externalId === 'INV-77')).toMatchObject({ unitAmountMinor: 125_000, deliverables: 2, amountMinor: 250_000, note: 'Two reels' });
    expect(lines.find((l) => l.externalId === 'INV-78')).toMatchObject({ amountMinor: 30_000, shares: { [jon]: 50, [mia]: 50 } });

    const again = await upload(csv);
    expect(again.body, JSON.stringify(again.body)).toMatchObject({ inserted: 0, unchanged: 2, rejectedCount: 3 });
  });

  it('refuses a file without the needed columns, naming them and the columns it has', async () => {
    const response = await upload('Campaign,Amount\nDuo,10\n');
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('The file has no kind, currency, incurredOn column. Its columns: Campaign, Amount.');
  });
});

describe('refusals', () => {
  it('names the field and the fix for a line that cannot be allocated', async () => {
    const before = (await client.get(`/v1/cost-lines?campaignId=${duo}`)).body.items.length;
    const noSplit = await client.post('/v1/cost-lines', { campaignId: duo, kind: 'other', amountMinor: 1, currency: 'USD', incurredOn: '2026-03-01' });
    expect(noSplit.status).toBe(400);
    expect(noSplit.body.errors).toEqual([{ field: 'body.split', message: expect.stringContaining('A shared line (no sourceId) needs split') }]);
    const badShares = await client.post('/v1/cost-lines/bulk', { lines: [{ campaignId: duo, kind: 'other', amountMinor: 1, currency: 'USD', incurredOn: '2026-03-01', split: 'explicit', shares: { [jon]: 60, [mia]: 30 } }] });
    expect(badShares.status).toBe(400);
    expect(badShares.body.errors).toEqual([{ field: 'body.lines.0.shares', message: 'The shares sum to 90 %, not 100 %.' }]);
    const perDeliverable = await client.post('/v1/cost-lines', { campaignId: duo, sourceId: jon, kind: 'creator_fee', basis: 'per_deliverable', amountMinor: 1, currency: 'USD', incurredOn: '2026-03-01' });
    expect(perDeliverable.status).toBe(400);
    expect(perDeliverable.body.errors[0].field).toBe('body.deliverables');
    expect((await client.get(`/v1/cost-lines?campaignId=${duo}`)).body.items).toHaveLength(before);
  });

  it("answers 404 for another workspace's campaign or source, and refuses an executive's write", async () => {
    const other = await harness.newWorkspace('Brand B');
    const theirSource = (await other.admin.post('/v1/sources', { kind: 'human_creator', name: 'Theirs' })).body.id;
    const response = await client.post('/v1/cost-lines', { campaignId: solo, sourceId: theirSource, kind: 'creator_fee', amountMinor: 1, currency: 'USD', incurredOn: '2026-03-01' });
    expect(response.status).toBe(404);
    expect(response.body.errors).toEqual([{ field: 'body.sourceId', message: `no source ${theirSource} in this workspace` }]);
    const executive = await harness.userWithRole('executive');
    expect((await executive.post('/v1/cost-lines', { campaignId: solo, sourceId: jon, kind: 'creator_fee', amountMinor: 1, currency: 'USD', incurredOn: '2026-03-01' })).status).toBe(403);
  });

  it('deletes a line recorded by mistake', async () => {
    const line = (await client.post('/v1/cost-lines', { campaignId: planned, sourceId: jon, kind: 'other', amountMinor: 5, currency: 'USD', incurredOn: '2026-03-01' })).body;
    expect((await client.delete(`/v1/cost-lines/${line.id}`)).status).toBe(200);
    expect((await client.get(`/v1/cost-lines/${line.id}`)).status).toBe(404);
  });
});
