import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMoney, fxRateTable, money } from '@persona-ops/domain/core';
import { loadFxRates } from '@persona-ops/domain/store';
import { startTestApp, type Client } from '../support/api-harness.ts';

// An excerpt of the ECB's eurofxref-hist.csv in its exact layout: the full header (withdrawn
// currencies included), newest day first, N/A cells, a trailing comma on every line. The figures
// are illustrative, not the ECB's.
const ecbHistory = readFileSync(new URL('../fixtures/fx/eurofxref-hist-excerpt.csv', import.meta.url), 'utf8');
// eurofxref.csv (the latest day) as the ECB writes it: spaces after commas, the date spelt out.
const ecbDaily = 'Date, USD, JPY, BGN, CZK, DKK, GBP, HUF, \n20 May 2024, 1.0860, 169.20, 1.9558, 24.700, 7.4610, 0.85500, 384.90, \n';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
let executive: Client;
let other: Awaited<ReturnType<typeof harness.newWorkspace>>;

const csv = (client: Client, body: string | Buffer, query = '') =>
  harness.app
    .inject({ method: 'POST', url: `/v1/imports/fx-rates${query}`, headers: { authorization: `Bearer ${client.key}`, 'content-type': 'text/csv' }, payload: body })
    .then((r) => ({ status: r.statusCode, body: r.json() }));
const count = async (workspaceId: string) => (await harness.orm.em.getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from fx_rate where workspace_id = ?`, [workspaceId]))[0]!.n;

beforeAll(async () => {
  harness = await startTestApp();
  studio = await harness.userWithRole('studio');
  executive = await harness.userWithRole('executive');
  other = await harness.newWorkspace('Brand B');
});
afterAll(() => harness.close());

describe('reporting currency', () => {
  it("starts as the workspace's currency and admins change it with PATCH /v1/workspace", async () => {
    const workspace = await harness.admin.get('/v1/workspace');
    expect(workspace.body).toMatchObject({ currency: 'USD', reportingCurrency: 'USD' });
    const changed = await harness.admin.patch('/v1/workspace', { reportingCurrency: 'EUR' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ currency: 'USD', reportingCurrency: 'EUR' });
    expect((await executive.get('/v1/workspace')).body.reportingCurrency).toBe('EUR');
  });

  it('refuses a code that is no current currency, and other roles', async () => {
    const bad = await harness.admin.patch('/v1/workspace', { reportingCurrency: 'eur' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.reportingCurrency');
    expect((await harness.admin.patch('/v1/workspace', { reportingCurrency: 'XAU' })).status).toBe(400);
    expect((await studio.patch('/v1/workspace', { reportingCurrency: 'GBP' })).status).toBe(403);
    expect((await harness.admin.get('/v1/workspace')).body.reportingCurrency).toBe('EUR');
  });
});

describe('POST /v1/fx-rates/bulk', () => {
  const rates = [
    { day: '2024-03-01', base: 'EUR', quote: 'USD', rate: '1.0830' },
    { day: '2024-03-01', base: 'EUR', quote: 'JPY', rate: 162.51 },
    { day: '2024-03-01', base: 'USD', quote: 'GBP', rate: '0.79' },
  ];

  it('stores rates, then the same batch again changes nothing (1.0830 = 1.083)', async () => {
    expect((await harness.admin.post('/v1/fx-rates/bulk', { rates })).body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const again = await harness.admin.post('/v1/fx-rates/bulk', { rates: [{ ...rates[0], rate: '1.083' }, ...rates.slice(1)] });
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await count(harness.workspaceId)).toBe(3);
  });

  it('replaces a rate sent with another value and adds new ones', async () => {
    const response = await harness.admin.post('/v1/fx-rates/bulk', { rates: [{ ...rates[2], rate: '0.7912345678901' }, { day: '2024-03-04', base: 'EUR', quote: 'USD', rate: '1.0850' }] });
    expect(response.body).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const listed = await harness.admin.get('/v1/fx-rates?base=USD&quote=GBP');
    expect(listed.body.items).toEqual([expect.objectContaining({ day: '2024-03-01', base: 'USD', quote: 'GBP', rate: '0.7912345678901' })]);
  });

  it('refuses invalid rows naming each field and the fix, storing nothing', async () => {
    const before = await count(harness.workspaceId);
    const response = await harness.admin.request('POST', '/v1/fx-rates/bulk', {
      rates: [
        { day: '2024-03-05', base: 'EUR', quote: 'USD', rate: '-1' },
        { day: '2024-03-05', base: 'EUR', quote: 'EUR', rate: '1' },
        { day: '2024-02-30', base: 'CYP', quote: 'USD', rate: '0.5' },
        { day: '2024-03-05', base: 'EUR', quote: 'GBP', rate: '0.000000000000001' },
        { day: '2024-03-05', base: 'EUR', quote: 'CHF', rate: 0 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = Object.fromEntries(response.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(fields['body.rates.0.rate']).toContain('positive decimal');
    expect(fields['body.rates.1.quote']).toContain('must differ from base');
    expect(fields['body.rates.2.day']).toContain('ISO-8601 date');
    expect(fields['body.rates.2.base']).toContain('not a current ISO 4217 currency');
    expect(fields['body.rates.3.rate']).toContain('at most 14 digits after the decimal point');
    expect(fields['body.rates.4.rate']).toBe('must be greater than 0');
    expect(await count(harness.workspaceId)).toBe(before);
  });

  it('refuses a batch that names one (day, base, quote) twice, or that is empty or too large', async () => {
    const repeated = await harness.admin.post('/v1/fx-rates/bulk', { rates: [rates[0], { ...rates[0], rate: '1.2' }] });
    expect(repeated.status).toBe(422);
    expect(repeated.body.errors).toEqual([{ field: 'body.rates.1.day', message: 'repeats row 0 (same day, base and quote); send each once' }]);
    expect((await harness.admin.post('/v1/fx-rates/bulk', { rates: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ day: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10), base: 'EUR', quote: 'USD', rate: '1.1' }));
    const large = await harness.admin.post('/v1/fx-rates/bulk', { rates: tooMany });
    expect(large.status).toBe(400);
    expect(large.body.errors[0]).toEqual({ field: 'body.rates', message: 'send at most 10,000 rates a request' });
  });

  it('takes 10,000 rates in one request', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ day: new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10), base: 'EUR', quote: 'SEK', rate: '10.5' }));
    expect((await harness.admin.post('/v1/fx-rates/bulk', { rates: many })).body).toEqual({ inserted: 10_000, updated: 0, unchanged: 0 });
    expect((await harness.admin.post('/v1/fx-rates/bulk', { rates: many })).body).toEqual({ inserted: 0, updated: 0, unchanged: 10_000 });
  });

  it('is for admins: other roles are refused, and may read', async () => {
    expect((await studio.post('/v1/fx-rates/bulk', { rates })).status).toBe(403);
    expect((await executive.post('/v1/fx-rates/bulk', { rates })).status).toBe(403);
    expect((await executive.get('/v1/fx-rates')).status).toBe(200);
    expect((await studio.get('/v1/fx-rates?base=EUR&quote=USD')).body.items.length).toBe(2);
  });
});

describe('GET /v1/fx-rates', () => {
  it('filters by base, quote and days (from inclusive, to exclusive) and pages with a cursor', async () => {
    const first = await harness.admin.get('/v1/fx-rates?base=EUR&quote=SEK&from=2000-01-01&to=2000-01-06&order=asc&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { day: string }) => r.day)).toEqual(['2000-01-01', '2000-01-02']);
    expect(first.body.items[0]).toEqual({ id: expect.any(String), day: '2000-01-01', base: 'EUR', quote: 'SEK', rate: '10.5', updatedAt: expect.any(String) });
    const days: string[] = first.body.items.map((r: { day: string }) => r.day);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await harness.admin.get(`/v1/fx-rates?base=EUR&quote=SEK&from=2000-01-01&to=2000-01-06&order=asc&limit=2&cursor=${encodeURIComponent(cursor)}`);
      days.push(...page.body.items.map((r: { day: string }) => r.day));
      cursor = page.body.nextCursor;
    }
    expect(days).toEqual(['2000-01-01', '2000-01-02', '2000-01-03', '2000-01-04', '2000-01-05']);
  });

  it('refuses a bad filter, naming it', async () => {
    const response = await harness.admin.get('/v1/fx-rates?base=euro');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('querystring.base');
  });
});

describe('POST /v1/imports/fx-rates', () => {
  it('imports eurofxref-hist.csv: EUR/<currency> rates, N/A skipped, withdrawn currencies reported once', async () => {
    const response = await csv(harness.admin, ecbHistory, '?fileName=eurofxref-hist.csv');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ fileName: 'eurofxref-hist.csv', format: 'ecb', rows: 5, rates: 150, inserted: 150, updated: 0, unchanged: 0, missing: 5, rejectedCount: 10 });
    expect(response.body.rejected.map((r: { column: string }) => r.column)).toEqual(['CYP', 'EEK', 'LTL', 'LVL', 'MTL', 'ROL', 'SIT', 'SKK', 'HRK', 'TRL']);
    expect(response.body.rejected[0]).toEqual({ line: 1, column: 'CYP', reason: 'is not a current ISO 4217 currency code: its column is skipped' });
    const usd = await harness.admin.get('/v1/fx-rates?base=EUR&quote=USD&from=2024-05-17&to=2024-05-18');
    expect(usd.body.items.map((r: { rate: string }) => r.rate)).toEqual(['1.0866']);
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const response = await csv(harness.admin, ecbHistory);
    expect(response.body).toMatchObject({ rates: 150, inserted: 0, updated: 0, unchanged: 150 });
  });

  it('imports eurofxref.csv (the latest day) and the plain layout', async () => {
    const daily = await csv(harness.admin, ecbDaily);
    expect(daily.body).toMatchObject({ format: 'ecb', rows: 1, rates: 7, inserted: 7, rejectedCount: 0 });
    const jpy = await harness.admin.get('/v1/fx-rates?base=EUR&quote=JPY&from=2024-05-20&to=2024-05-21');
    expect(jpy.body.items[0].rate).toBe('169.2');
    const plain = await csv(harness.admin, 'day,base,quote,rate\n2024-05-20,USD,BRL,5.11\n2024-05-20,USD,XXX,1\n');
    expect(plain.body).toMatchObject({ format: 'plain', rows: 2, rates: 1, inserted: 1, rejectedCount: 1, rejected: [{ line: 3, column: 'quote', reason: '"XXX" is not an ISO 4217 currency code' }] });
  });

  it('answers bad cells with line, column and reason, and stores the rest', async () => {
    const response = await csv(harness.admin, 'Date,USD,GBP,\n2024-06-03,1.0885,abc,\n03/06/2024,1.1,0.9,\n');
    expect(response.body).toMatchObject({ rows: 2, rates: 1, inserted: 1, rejectedCount: 2 });
    expect(response.body.rejected).toEqual([
      { line: 2, column: 'GBP', reason: expect.stringContaining('"abc" must be a positive decimal') },
      { line: 3, column: 'Date', reason: expect.stringContaining('"03/06/2024" is not a date') },
    ]);
  });

  it('refuses a file in neither layout, without rows, or not UTF-8, saying why', async () => {
    const layout = await csv(harness.admin, 'Currency,Rate\nUSD,1.08\n');
    expect(layout.status).toBe(400);
    expect(layout.body.code).toBe('invalid_file');
    expect(layout.body.detail).toContain('day,base,quote,rate');
    const empty = await csv(harness.admin, 'Date,USD,\n');
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toContain('no rows');
    const latin1 = await csv(harness.admin, Buffer.from([0x44, 0x61, 0x74, 0x65, 0x2c, 0xe9, 0x0a]));
    expect(latin1.status).toBe(400);
    expect(latin1.body.errors).toEqual([{ field: 'body', message: 'is not UTF-8' }]);
  });

  it('refuses a file over 5 MB with 413', async () => {
    const big = `Date,USD\n${'2024-05-17,1.0866\n'.repeat(300_000)}`;
    const response = await csv(harness.admin, big);
    expect(response.status).toBe(413);
    expect(response.body.detail).toContain('(5 MB)');
  });

  it('is for admins', async () => {
    expect((await csv(studio, ecbDaily)).status).toBe(403);
    expect((await csv(executive, ecbDaily)).status).toBe(403);
  });
});

describe('loadFxRates and convertMoney', () => {
  it("load a report's rates in one query, only the workspace's own, and convert with them", async () => {
    // Workspace B stores a different EUR/GBP rate for the same day: A never sees it.
    await other.admin.post('/v1/fx-rates/bulk', { rates: [{ day: '2024-05-17', base: 'EUR', quote: 'GBP', rate: '0.5' }] });
    const em = harness.orm.em.fork();
    const rows = await loadFxRates(em, harness.workspaceId, { currencies: ['USD', 'GBP'], from: '2024-05-19', to: '2024-05-19' });
    // From 7 days before: 2024-05-13 .. 2024-05-17 of the ECB file, EUR/USD and EUR/GBP only.
    expect(rows.length).toBe(10);
    expect(rows.every((r) => r.base === 'EUR' && ['USD', 'GBP'].includes(r.quote))).toBe(true);
    expect(rows.find((r) => r.day === '2024-05-17' && r.quote === 'GBP')).toEqual({ day: '2024-05-17', base: 'EUR', quote: 'GBP', rate: '0.85615' });
    // Sunday 2024-05-19: Friday's rates, crossed through EUR. 100.00 USD / 1.0866 × 0.85615 = 78.79 GBP.
    const converted = convertMoney(fxRateTable(rows), money(10_000, 'USD'), '2024-05-19', 'GBP');
    expect(converted.amount).toEqual({ amountMinor: 7_879, currency: 'GBP' });
    expect(converted.ratesUsed.map((r) => `${r.day} ${r.base}/${r.quote} ${r.rate}`)).toEqual(['2024-05-17 EUR/USD 1.0866', '2024-05-17 EUR/GBP 0.85615']);
  });
});
