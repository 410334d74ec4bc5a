import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBrandApp, type Client } from '../support/api-harness.ts';

// compare=previous: each headline KPI against the same report over the period of the same length
// right before. On the demo brand (demo-brand.data.ts), briefs open in three bursts: the launch
// 60 days before `now`, summer 35 and 32 days before, the community challenge 14 and 12 days before.
const now = new Date('2026-11-21T12:00:00Z');
let demo: Awaited<ReturnType<typeof startDemoBrandApp>>;
let client: Client;

beforeAll(async () => {
  demo = await startDemoBrandApp(now);
  client = demo.client;
});
afterAll(() => demo.close());

// 21 days holding the challenge; the 21 days before them hold summer alone.
const period = 'from=2026-11-01T00:00:00Z&to=2026-11-22T00:00:00Z';
const previous = 'from=2026-10-11T00:00:00Z&to=2026-11-01T00:00:00Z';

describe('GET /v1/reports/production?compare=previous', () => {
  it('answers the previous period and each headline KPI against it', async () => {
    const { status, body } = await client.get(`/v1/reports/production?${period}&compare=previous`);
    expect(status).toBe(200);
    expect(body.previousPeriod).toMatchObject({ from: '2026-10-11T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', reason: null, refused: null });
    const changes = body.previousPeriod.changes;
    // Challenge: 2 approved (announcement, duet template), none rejected. Summer: beach photo, sunset
    // video, summer skit and hero video approved, lookbook rejected.
    expect(changes.approved_assets).toEqual({ current: 2, previous: 4, currency: null, measure: 'relative', change: -50, direction: 'down', reason: null });
    expect(changes.approval_rate).toEqual({ current: 100, previous: 80, currency: null, measure: 'points', change: 20, direction: 'up', reason: null });
    // Summer's hero video went through one round of changes, the sunset video too: 2 of 4 first pass.
    expect(changes.first_pass_approval_rate).toMatchObject({ current: 100, previous: 50, change: 50, direction: 'up' });
    // The report of the period is the same as without compare (the review queue's ages run on the clock).
    const plain = await client.get(`/v1/reports/production?${period}`);
    expect(plain.body.previousPeriod).toBeUndefined();
    const withoutClock = (report: { kpis: Record<string, unknown> }) => ({ ...report.kpis, review_queue: undefined });
    expect(body.scope).toEqual(plain.body.scope);
    expect(withoutClock(body)).toEqual(withoutClock(plain.body));
  });

  it('takes the previous figures from the same report asked over the previous period', async () => {
    const [{ body }, before] = await Promise.all([client.get(`/v1/reports/production?${period}&compare=previous`), client.get(`/v1/reports/production?${previous}`)]);
    const changes = body.previousPeriod.changes;
    expect(before.body.kpis.approved_assets).toBe(4);
    expect(changes.production_cost.previous).toBe(before.body.kpis.production_cost.total.amountMinor);
    expect(changes.production_cost.currency).toBe('USD');
    expect(changes.cost_per_approved_asset.previous).toBe(before.body.kpis.cost_per_approved_asset.amountMinor);
    expect(changes.brief_to_approval_hours.previous).toBe(before.body.kpis.brief_to_approval_hours.median);
  });

  it('says there is no previous period for all time, and never reads an empty one as a zero change', async () => {
    const allTime = await client.get('/v1/reports/production?compare=previous');
    expect(allTime.body.previousPeriod).toMatchObject({ from: null, to: null, reason: 'no_start' });
    expect(allTime.body.previousPeriod.changes.approved_assets).toMatchObject({ current: 12, previous: null, change: null, direction: null, reason: 'no_previous_period' });

    // September holds the launch; the 30 days before it, nothing.
    const { body } = await client.get('/v1/reports/production?from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z&compare=previous');
    expect(body.previousPeriod).toMatchObject({ from: '2026-08-02T00:00:00.000Z', to: '2026-09-01T00:00:00.000Z', reason: null });
    expect(body.previousPeriod.changes.approved_assets).toMatchObject({ current: 6, previous: 0, change: null, direction: 'up', reason: 'previous_zero' });
    expect(body.previousPeriod.changes.approval_rate).toMatchObject({ previous: null, change: null, direction: null, reason: 'previous_unknown' });
  });
});

describe('the audience and commercial reports with compare=previous', () => {
  it('compare their headline KPIs with the same report over the previous period', async () => {
    const [audience, audienceBefore, commercial, commercialBefore] = await Promise.all([
      client.get(`/v1/reports/audience?${period}&compare=previous`),
      client.get(`/v1/reports/audience?${previous}`),
      client.get(`/v1/reports/commercial?${period}&compare=previous`),
      client.get(`/v1/reports/commercial?${previous}`),
    ]);
    expect(audience.status).toBe(200);
    const reach = audience.body.previousPeriod.changes.reach;
    expect(reach).toMatchObject({ current: audience.body.kpis.reach.value, previous: audienceBefore.body.kpis.reach.value, measure: 'relative' });
    expect(audienceBefore.body.kpis.reach.value).toBeGreaterThan(0);
    expect(reach.change).toBeCloseTo((audience.body.kpis.reach.value / audienceBefore.body.kpis.reach.value - 1) * 100, 10);
    expect(audience.body.previousPeriod.changes.engagement_rate).toMatchObject({ measure: 'points', previous: audienceBefore.body.kpis.engagement_rate.value });

    expect(commercial.status).toBe(200);
    const changes = commercial.body.previousPeriod.changes;
    expect(changes.ctr).toMatchObject({ measure: 'points', current: commercial.body.kpis.ctr.value, previous: commercialBefore.body.kpis.ctr.value });
    expect(changes.cost).toMatchObject({ measure: 'relative', current: commercial.body.kpis.cost?.total?.amountMinor ?? null, previous: commercialBefore.body.kpis.cost?.total?.amountMinor ?? null });
    expect(changes.cpm).toMatchObject({ previous: commercialBefore.body.kpis.cpm.value, currency: commercialBefore.body.kpis.cpm.currency });
  });

  it('refuses an unknown compare with a 400 naming it', async () => {
    const { status, body } = await client.get(`/v1/reports/production?${period}&compare=last_year`);
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('querystring.compare');
  });
});
