import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/api-harness.ts';

// A period (from, to) or an "as of" before 1900 is a 400 naming it: the reports count days back
// from it and PostgreSQL has no year 0, so `to=0001-01-01T00:00:00Z` was a 500 ("date/time field
// value out of range"). Found by the fuzzer (test/api/fuzz.test.ts). Walks every operation of the
// OpenAPI document that takes one.

let harness: Awaited<ReturnType<typeof startTestApp>>;
let campaignId: string;
let operations: Array<{ path: string; parameters: string[]; required: string }>;

beforeAll(async () => {
  harness = await startTestApp();
  const campaign = await harness.admin.post('/v1/campaigns', { name: 'C', goal: 'sales', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'buy' });
  campaignId = campaign.body.id;
  const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  type Parameter = { name: string; in: string; required?: boolean };
  operations = Object.entries(document.paths as Record<string, { get?: { parameters?: Parameter[] } }>).flatMap(([path, methods]) => {
    const parameters = (methods.get?.parameters ?? []).filter((p) => p.in === 'query' && ['from', 'to', 'asOf'].includes(p.name)).map((p) => p.name);
    // Only the ones that take a moment (the day-only lists of snapshots and rates take days).
    const required = (methods.get?.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => (p.name === 'goal' ? 'goal=sales' : `${p.name}=${campaignId}`)).join('&');
    return parameters.length && !path.includes('snapshots') && !path.includes('fx-rates') ? [{ path, parameters, required }] : [];
  });
});
afterAll(() => harness.close());

const url = (path: string, query: string) => `${path.replace('{id}', campaignId)}?${query}`;

describe('report periods', () => {
  it('finds the reports and lists that take a period or an as-of', () => {
    expect(operations.map((o) => o.path)).toEqual(expect.arrayContaining(['/v1/reports/overview', '/v1/reports/campaign/{id}', '/v1/reports/comparison', '/v1/reports/executive-answer', '/v1/assets']));
  });

  it('refuses one before 1900 with a 400 naming it (was a 500 in the reports)', async () => {
    const failures: string[] = [];
    for (const { path, parameters, required } of operations) {
      for (const name of parameters) {
        for (const value of ['0001-01-01T00:00:00Z', '1899-12-31T23:59:59Z', ...(name === 'asOf' ? ['0001-01-01'] : [])]) {
          const response = await harness.admin.get(url(path, [required, `${name}=${encodeURIComponent(value)}`].filter(Boolean).join('&')));
          const fields = (response.body?.errors ?? []).map((e: { field: string }) => e.field);
          if (response.status !== 400 || !fields.includes(`querystring.${name}`)) failures.push(`${path} ${name}=${value}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers the first moment of 1900 and the last of 9999', async () => {
    for (const { path, parameters, required } of operations) {
      for (const name of parameters) {
        for (const value of ['1900-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
          const response = await harness.admin.get(url(path, [required, `${name}=${encodeURIComponent(value)}`].filter(Boolean).join('&')));
          expect(response.status, `${path} ${name}=${value}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
        }
      }
    }
  });
});
