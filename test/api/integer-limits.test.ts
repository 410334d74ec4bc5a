import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

// Numbers fit their columns: money is stored in bigint columns, so the largest amount the API
// accepts (2^53 − 1, the largest exact whole number of JSON) is stored and read back unchanged; a
// count in a 32-bit column is bounded by it. One above the limit is a 400 naming the field, never a
// 500 from the database ("integer out of range").

const MAX_MONEY = Number.MAX_SAFE_INTEGER;
const MAX_COUNT = 2_147_483_647;

let harness: Awaited<ReturnType<typeof startTestApp>>;
let briefId: string;
let sourceId: string;

beforeAll(async () => {
  harness = await startTestApp();
  const source = await harness.admin.post('/v1/sources', { kind: 'ai_character', name: 'Lea' });
  sourceId = source.body.id;
  const campaign = await harness.admin.post('/v1/campaigns', { name: 'C', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit' });
  const brief = await harness.admin.post('/v1/briefs', { campaignId: campaign.body.id, sourceId, title: 'Brief' });
  expect(brief.status, JSON.stringify(brief.body)).toBe(201);
  briefId = brief.body.id;
});
afterAll(() => harness.close());

const tooLarge = (response: { status: number; body: { errors?: Array<{ field: string }> } }, field: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.errors?.map((e) => e.field)).toEqual([field]);
};

describe('integer limits', () => {
  it('stores the largest hourly rate of a workspace and reads it back; one more is a 400', async () => {
    const patched = await harness.admin.patch('/v1/workspace', { hourlyRateMinor: MAX_MONEY });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await harness.admin.get('/v1/workspace')).body.hourlyRateMinor).toBe(MAX_MONEY);
    tooLarge(await harness.admin.patch('/v1/workspace', { hourlyRateMinor: MAX_MONEY + 1 }), 'body.hourlyRateMinor');
    await harness.admin.patch('/v1/workspace', { hourlyRateMinor: 5000 });
  });

  it("stores the largest hourly rate of a source (create and patch) and reads it back; one more is a 400", async () => {
    const created = await harness.admin.post('/v1/sources', { kind: 'human_creator', name: 'Rich', hourlyRateMinor: MAX_MONEY });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await harness.admin.get(`/v1/sources/${created.body.id}`)).body.hourlyRateMinor).toBe(MAX_MONEY);
    expect((await harness.admin.patch(`/v1/sources/${sourceId}`, { hourlyRateMinor: 2 ** 31 })).status).toBe(200);
    expect((await harness.admin.get(`/v1/sources/${sourceId}`)).body.hourlyRateMinor).toBe(2 ** 31);
    tooLarge(await harness.admin.post('/v1/sources', { kind: 'human_creator', name: 'Richer', hourlyRateMinor: MAX_MONEY + 1 }), 'body.hourlyRateMinor');
  });

  it("stores an asset's largest generation and other costs and reads them back; one more is a 400", async () => {
    const asset = { briefId, title: 'Costly', kind: 'image', tool: 'gen', currency: 'USD', productionHours: 1 };
    const created = await harness.admin.post('/v1/assets', { ...asset, generationCostMinor: MAX_MONEY, otherCostMinor: 2 ** 31 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = (await harness.admin.get(`/v1/assets/${created.body.id}`)).body;
    expect([read.generationCostMinor, read.otherCostMinor]).toEqual([MAX_MONEY, 2 ** 31]);
    tooLarge(await harness.admin.post('/v1/assets', { ...asset, generationCostMinor: MAX_MONEY + 1 }), 'body.generationCostMinor');
    tooLarge(await harness.admin.post('/v1/assets', { ...asset, otherCostMinor: MAX_MONEY + 1 }), 'body.otherCostMinor');
  });

  it('reads costs above 2^31 in the reports as numbers (not as the bigint text of the database)', async () => {
    const other = await harness.newWorkspace('Big');
    const source = await other.admin.post('/v1/sources', { kind: 'ai_character', name: 'Lea' });
    const campaign = await other.admin.post('/v1/campaigns', { name: 'C', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit' });
    const brief = await other.admin.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Brief' });
    const asset = await other.admin.post('/v1/assets', { briefId: brief.body.id, title: 'Big', kind: 'image', tool: 'gen', currency: 'USD', productionHours: 0, generationCostMinor: 2 ** 40, otherCostMinor: 2 ** 32 });
    expect(asset.status, JSON.stringify(asset.body)).toBe(201);
    const report = await other.admin.get('/v1/reports/production');
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(JSON.stringify(report.body)).toContain(`"amountMinor":${2 ** 40 + 2 ** 32}`);
  });

  it('stores the largest survey answer count (a 32-bit column) and says so for one more', async () => {
    const stored = await harness.admin.post('/v1/survey-answers/bulk', { answers: [{ sourceId, day: '2026-03-02', answers: MAX_COUNT }] });
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    const rows = await harness.orm.em.getConnection().execute<Array<{ answers: number }>>('select answers from survey_answer_count where source_id = ?', [sourceId]);
    expect(rows.map((row) => row.answers)).toEqual([MAX_COUNT]);
    const refused = await harness.admin.post('/v1/survey-answers/bulk', { answers: [{ sourceId, day: '2026-03-03', answers: MAX_COUNT + 1 }] });
    tooLarge(refused, 'body.answers.0.answers');
    expect(refused.body.errors[0].message).toBe('must be at most 2147483647');
  });
});
