import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoBrandApp, type Client } from '../support/api-harness.ts';

// GET /v1/assets?approvedWeek=: the assets behind a bar of the content-velocity chart, on the demo
// brand. Each bar counts the assets first approved in its ISO week; the list must hold exactly those.
const now = new Date('2026-11-21T12:00:00Z');
let demo: Awaited<ReturnType<typeof startDemoBrandApp>>;
let client: Client;

beforeAll(async () => {
  demo = await startDemoBrandApp(now);
  client = demo.client;
});
afterAll(() => demo.close());

type Week = { week: string; approved: number };

it('lists, for every week of the velocity chart, as many assets as its bar counts, each first approved that week', async () => {
  const report = await client.get('/v1/reports/production');
  expect(report.status).toBe(200);
  const series: Week[] = report.body.kpis.content_velocity.series;
  expect(series.some((w) => w.approved > 0)).toBe(true);
  expect(series.some((w) => w.approved === 0)).toBe(true);
  for (const { week, approved } of series) {
    const page = await client.get(`/v1/assets?approvedWeek=${week}&limit=200`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(approved);
    for (const asset of page.body.items) {
      const history = await client.get(`/v1/assets/${asset.id}`);
      const first = history.body.transitions.find((t: { toState: string }) => t.toState === 'approved');
      expect(first, asset.title).toBeDefined();
      expect(isoWeekOf(first.at)).toBe(week);
    }
  }
});

it('narrows with the other filters, and the export takes the week too', async () => {
  const { body } = await client.get('/v1/reports/production');
  const busiest = [...(body.kpis.content_velocity.series as Week[])].sort((a, b) => b.approved - a.approved)[0]!;
  const all = await client.get(`/v1/assets?approvedWeek=${busiest.week}&limit=200`);
  const exported = await client.get(`/v1/assets/export?approvedWeek=${busiest.week}&format=json`);
  expect(exported.status).toBe(200);
  expect(exported.body.items.map((a: { id: string }) => a.id).sort()).toEqual(all.body.items.map((a: { id: string }) => a.id).sort());
  const draft = await client.get(`/v1/assets?approvedWeek=${busiest.week}&state=draft`);
  expect(draft.body.items).toEqual([]);
});

it('refuses what is not an ISO week, naming the field', async () => {
  for (const bad of ['2026-47', '2026-W54', '2026-W00', '1899-W52', 'W47']) {
    const response = await client.get(`/v1/assets?approvedWeek=${bad}`);
    expect(response.status, bad).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field), bad).toContain('querystring.approvedWeek');
  }
  // 2026 has 53 weeks (it starts on a Thursday), so W53 is a week like any other.
  expect((await client.get('/v1/assets?approvedWeek=2026-W53')).status).toBe(200);
});

/** The ISO week (UTC) of an instant, computed here independently of the core's isoWeek. */
function isoWeekOf(at: string): string {
  const date = new Date(at);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
