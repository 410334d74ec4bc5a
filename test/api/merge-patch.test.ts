import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

// PATCH is a JSON merge patch (RFC 7396). Walks EVERY PATCH operation of the OpenAPI document and
// every field of its request body: patching that field alone changes that field and nothing else
// (read back with GET); `null` clears a nullable field to its documented empty value, and is a 400
// naming the field where the field cannot be cleared. A PATCH operation or a body field without a
// sample here fails the coverage test, so new fields cannot be forgotten.

type Json = unknown;
type Resource = Record<string, Json>;
type Sample = {
  /** A valid value, different from the one the resource is created with. */
  value: Json;
  /** How the value reads back, when not as the merge of the old value with the patch. */
  reads?: (before: Resource) => Resource;
  /** What the stored state shows when the read model does not (a secret). */
  stored?: (id: string) => Promise<Json>;
  storedValue?: Json;
};
type Case = {
  /** Creates the resource (all fields set, none at its default) and returns its URL and a client allowed to patch it. */
  create: () => Promise<{ url: string; client: Client; id: string }>;
  samples: Record<string, Sample>;
  /** For the nullable fields: what null clears them to, as read back (and other fields null changes with it). */
  cleared: Record<string, Resource>;
};

let harness: Awaited<ReturnType<typeof startTestApp>>;
const sql = (text: string, params: unknown[] = []) => harness.orm.em.getConnection().execute<Array<Record<string, unknown>>>(text, params);

async function newWorkspace(): Promise<{ url: string; client: Client; id: string }> {
  const { admin, workspaceId } = await harness.newWorkspace(`Brand ${Math.random().toString(36).slice(2, 8)}`);
  const set = await admin.patch('/v1/workspace', {
    name: 'Glow Co', currency: 'USD', hourlyRateMinor: 4000,
    tierOverrides: { ctr: { average: 1, strong: 2, exceptional: 4 }, cpa: { average: 40, strong: 20, exceptional: 10 } },
    competitors: ['Rival'], alertWebhookUrl: 'https://hooks.example/a', alertWebhookSecret: 'a-very-long-secret-1',
    alertEmailRecipients: ['cmo@glow.test'], alertSlackWebhookUrl: 'https://hooks.example/slack-a',
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  return { url: '/v1/workspace', client: admin, id: workspaceId };
}

const SOURCE = { kind: 'ai_character', name: 'Léa', handles: { instagram: '@lea', tiktok: '@lea.tt' }, aliases: ['Lea'], launchedOn: '2026-01-01', hourlyRateMinor: 4000 };
const CAMPAIGN = { name: 'Launch', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', attributionWindowDays: 14, budgetMinor: 1_000_000, currency: 'USD', trackingKeywords: ['#glow'], targetAction: 'buy' };

async function created(path: string, body: object) {
  const response = await harness.admin.post(path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { url: `${path}/${response.body.id}`, client: harness.admin, id: response.body.id as string };
}

// A campaign of the main workspace a schedule can be narrowed to (made before the walk).
let scheduleCampaign = '';
let scheduleCampaign2 = '';
const SCHEDULE = { name: 'Digest', kind: 'overview', cadence: 'weekly', weekday: 3, dayOfMonth: 15, hourUtc: 8, emailRecipients: ['cmo@glow.test'], slackWebhookUrl: 'https://hooks.example/slack' };
// A change of day or cadence moves the next run with it.
const movesNextRun = (field: string, value: Json) => (before: Resource) => ({ ...before, [field]: value, nextRunAt: expect.any(String) as Json });

const cases: Record<string, Case> = {
  'patch /v1/workspace': {
    create: newWorkspace,
    samples: {
      name: { value: 'Glow Company' },
      currency: { value: 'EUR' },
      reportingCurrency: { value: 'GBP' },
      hourlyRateMinor: { value: 5500 },
      // One threshold of one KPI: the rest of ctr and all of cpa stay.
      tierOverrides: { value: { ctr: { strong: 3 } } },
      competitors: { value: ['Rival', 'Other Brand'] },
      alertWebhookUrl: { value: 'https://hooks.example/b' },
      alertWebhookSecret: {
        value: 'another-long-secret-2',
        reads: () => ({}),
        stored: async (id) => (await sql('select alert_webhook_secret from workspace where id = ?', [id]))[0]?.['alert_webhook_secret'],
        storedValue: 'another-long-secret-2',
      },
      alertEmailRecipients: { value: ['cmo@glow.test', 'ceo@glow.test'] },
      alertSlackWebhookUrl: { value: 'https://hooks.example/slack-b' },
    },
    cleared: {
      alertEmailRecipients: { alertEmailRecipients: [] },
      alertSlackWebhookUrl: { alertSlackWebhookUrl: null },
      tierOverrides: { tierOverrides: {} },
      competitors: { competitors: [] },
      // A webhook is always signed, so its secret clears with it (alone it is a 400, tested below).
      alertWebhookUrl: { alertWebhookUrl: null, alertWebhookConfigured: false },
      alertWebhookSecret: { alertWebhookUrl: null, alertWebhookSecretSet: false, alertWebhookConfigured: false },
    },
  },
  'patch /v1/report-schedules/{id}': {
    create: async () => created('/v1/report-schedules', { ...SCHEDULE, campaignId: scheduleCampaign }),
    samples: {
      name: { value: 'Weekly digest' },
      kind: { value: 'campaign' },
      campaignId: { get value() { return scheduleCampaign2; } },
      cadence: { value: 'monthly', reads: movesNextRun('cadence', 'monthly') },
      weekday: { value: 5, reads: movesNextRun('weekday', 5) },
      dayOfMonth: { value: 20 },
      hourUtc: { value: 17, reads: movesNextRun('hourUtc', 17) },
      emailRecipients: { value: ['cmo@glow.test', 'ceo@glow.test'] },
      slackWebhookUrl: { value: 'https://hooks.example/slack-2' },
    },
    cleared: {
      campaignId: { campaignId: null },
      weekday: { weekday: 1, nextRunAt: expect.any(String) as Json },
      dayOfMonth: { dayOfMonth: 1 },
      emailRecipients: { emailRecipients: [] },
      slackWebhookUrl: { slackWebhookUrl: null },
    },
  },
  'patch /v1/sources/{id}': {
    create: () => created('/v1/sources', SOURCE),
    samples: {
      name: { value: 'Léa Nova' },
      // Per platform: tiktok removed, youtube added, instagram kept.
      handles: { value: { tiktok: null, youtube: '@leanova' } },
      aliases: { value: ['Lea', 'L.N.'] },
      launchedOn: { value: '2026-02-01' },
      hourlyRateMinor: { value: 4500 },
    },
    cleared: {
      handles: { handles: {} },
      aliases: { aliases: [] },
      launchedOn: { launchedOn: null },
      hourlyRateMinor: { hourlyRateMinor: null },
    },
  },
  'patch /v1/assets/{id}': {
    create: async () => {
      const source = await created('/v1/sources', SOURCE);
      const campaign = await created('/v1/campaigns', CAMPAIGN);
      const brief = await created('/v1/briefs', { campaignId: campaign.id, sourceId: source.id, title: 'Brief' });
      return created('/v1/assets', { briefId: brief.id, title: 'Look', kind: 'image', tool: 'midjourney', toolVersion: '6', promptRef: 'prompts/look.txt', currency: 'USD', generationCostMinor: 100, otherCostMinor: 10, productionHours: 1 });
    },
    samples: {
      title: { value: 'Look, warmer' },
      kind: { value: 'video' },
      tool: { value: 'runway' },
      toolVersion: { value: '4' },
      promptRef: { value: 'prompts/look-2.txt' },
      generationCostMinor: { value: 999 },
      otherCostMinor: { value: 50 },
      productionHours: { value: 3.5 },
    },
    // Back to what a new asset gets when they are left out.
    cleared: {
      toolVersion: { toolVersion: '' },
      promptRef: { promptRef: '' },
      generationCostMinor: { generationCostMinor: 0 },
      otherCostMinor: { otherCostMinor: 0 },
    },
  },
  'patch /v1/campaigns/{id}': {
    create: () => created('/v1/campaigns', CAMPAIGN),
    samples: {
      name: { value: 'Spring launch' },
      goal: { value: 'traffic' },
      startsOn: { value: '2026-03-05' },
      endsOn: { value: '2026-04-15' },
      attributionWindowDays: { value: 7 },
      budgetMinor: { value: 2_000_000 },
      currency: { value: 'EUR' },
      trackingKeywords: { value: ['#glow', '#spring'] },
      targetAction: { value: 'sign_up' },
    },
    // Back to the defaults a new campaign gets.
    cleared: {
      attributionWindowDays: { attributionWindowDays: 28 },
      budgetMinor: { budgetMinor: 0 },
      trackingKeywords: { trackingKeywords: [] },
    },
  },
};

type Field = { name: string; nullable: boolean };
let patchOperations: Array<{ operation: string; fields: Field[] }>;

/** RFC 7396, written out again here so the test does not trust the implementation it checks. */
function merge(target: Json, patch: Json): Json {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, Json> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, Json>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merge(out[key], value);
  }
  return out;
}

const withoutUpdatedAt = ({ updatedAt: _updatedAt, ...rest }: Resource) => rest;

beforeAll(async () => {
  harness = await startTestApp();
  scheduleCampaign = (await created('/v1/campaigns', CAMPAIGN)).id;
  scheduleCampaign2 = (await created('/v1/campaigns', { ...CAMPAIGN, name: 'Second' })).id;
  const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const resolve = (schema: { $ref?: string }) => (schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema);
  patchOperations = Object.entries(document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>).flatMap(([path, methods]) =>
    Object.entries(methods).filter(([method]) => method === 'patch').map(([, operation]) => {
      const schema = resolve(operation.requestBody!.content['application/json']!.schema);
      const fields = Object.entries(schema.properties as Record<string, { anyOf?: Array<{ type?: string }>; type?: string }>).map(([name, property]) => ({
        name,
        nullable: property.type === 'null' || Boolean(property.anyOf?.some((option) => option.type === 'null')),
      }));
      return { operation: `patch ${path}`, fields };
    }),
  );
});
afterAll(() => harness.close());

describe('PATCH is a JSON merge patch', () => {
  it('has a case for every PATCH operation and a sample for every field of its body, and a cleared value for every nullable one', () => {
    expect(patchOperations.length).toBeGreaterThan(0);
    const missing = patchOperations.flatMap(({ operation, fields }) => {
      const spec = cases[operation];
      if (!spec) return [`${operation}: no case`];
      return fields.flatMap((field) => [
        ...(field.name in spec.samples ? [] : [`${operation}: no sample for ${field.name}`]),
        ...(field.nullable && !(field.name in spec.cleared) ? [`${operation}: no cleared value for nullable ${field.name}`] : []),
        ...(!field.nullable && field.name in spec.cleared ? [`${operation}: ${field.name} is not nullable but has a cleared value`] : []),
      ]);
    });
    expect(missing).toEqual([]);
  });

  it('changes only the field it names, for every field of every PATCH operation', async () => {
    const failures: string[] = [];
    for (const { operation, fields } of patchOperations.filter((op) => op.operation in cases)) {
      const spec = cases[operation]!;
      for (const field of fields.filter((f) => f.name in spec.samples)) {
        const sample = spec.samples[field.name]!;
        const { url, client, id } = await spec.create();
        const before: Resource = (await client.get(url)).body;
        const patched = await client.patch(url, { [field.name]: sample.value });
        const after: Resource = (await client.get(url)).body;
        const change = sample.reads ? sample.reads(before) : { [field.name]: merge(before[field.name], sample.value) };
        const label = `${operation} { ${field.name} }`;
        if (patched.status !== 200) failures.push(`${label}: ${patched.status} ${JSON.stringify(patched.body)}`);
        else if (JSON.stringify(before[field.name]) === JSON.stringify(after[field.name]) && !sample.reads) failures.push(`${label}: the sample is the current value, choose another`);
        else {
          try {
            expect(withoutUpdatedAt(after), label).toEqual(withoutUpdatedAt({ ...before, ...change }));
            expect(patched.body, label).toEqual(after);
            if (sample.stored) expect(await sample.stored(id), label).toEqual(sample.storedValue);
          } catch (error) {
            failures.push(String(error));
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('clears a nullable field with null (and changes nothing else); a null on any other field is a 400 naming it', async () => {
    const failures: string[] = [];
    for (const { operation, fields } of patchOperations.filter((op) => op.operation in cases)) {
      const spec = cases[operation]!;
      for (const field of fields) {
        const { url, client } = await spec.create();
        const before: Resource = (await client.get(url)).body;
        const cleared = spec.cleared[field.name];
        // The fields null clears along with this one (a webhook and its secret) are cleared together.
        const patch = Object.fromEntries([field.name, ...Object.keys(cleared ?? {}).filter((key) => key in spec.samples)].map((key) => [key, null]));
        const response = await client.patch(url, patch);
        const after: Resource = (await client.get(url)).body;
        const label = `${operation} ${JSON.stringify(patch)}`;
        try {
          if (cleared) {
            expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(200);
            expect(withoutUpdatedAt(after), label).toEqual(withoutUpdatedAt({ ...before, ...(field.name in before ? { [field.name]: undefined } : {}), ...cleared }));
          } else {
            expect(response.status, label).toBe(400);
            expect(response.body.errors, label).toEqual([{ field: `body.${field.name}`, message: expect.stringContaining('cannot be null') }]);
            expect(withoutUpdatedAt(after), label).toEqual(withoutUpdatedAt(before));
          }
        } catch (error) {
          failures.push(String(error));
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('merge patch semantics', () => {
  it('regression: PATCH /v1/campaigns/{id} with one field keeps the budget, the keywords and the attribution window (they were reset to 0, [] and 28)', async () => {
    const { url } = await created('/v1/campaigns', CAMPAIGN);
    for (const patch of [{ targetAction: 'sign_up' }, { name: 'Renamed' }, { endsOn: '2026-04-30' }]) {
      const response = await harness.admin.patch(url, patch);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ budgetMinor: 1_000_000, trackingKeywords: ['#glow'], attributionWindowDays: 14, ...patch });
    }
    expect((await harness.admin.get(url)).body).toMatchObject({ budgetMinor: 1_000_000, trackingKeywords: ['#glow'], attributionWindowDays: 14, name: 'Renamed', targetAction: 'sign_up' });
  });

  it('regression: PATCH /v1/sources/{id} with only a name keeps the handles, aliases, launchedOn and hourly rate (they were wiped)', async () => {
    const { url } = await created('/v1/sources', SOURCE);
    const response = await harness.admin.patch(url, { name: 'Léa Nova' });
    expect(response.status).toBe(200);
    expect((await harness.admin.get(url)).body).toMatchObject({ ...SOURCE, name: 'Léa Nova' });
  });

  it('accepts application/merge-patch+json on PATCH, and only there', async () => {
    const { url } = await created('/v1/sources', SOURCE);
    const headers = { authorization: `Bearer ${harness.admin.key}`, 'content-type': 'application/merge-patch+json' };
    const patched = await harness.app.inject({ method: 'PATCH', url, headers, payload: JSON.stringify({ handles: { instagram: null } }) });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().handles).toEqual({ tiktok: '@lea.tt' });
    const posted = await harness.app.inject({ method: 'POST', url: '/v1/sources', headers, payload: JSON.stringify(SOURCE) });
    expect(posted.statusCode).toBe(415);
    expect(posted.headers['content-type']).toMatch(/^application\/problem\+json/);
    const document = (await harness.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths['/v1/sources/{id}'].patch.requestBody.content)).toEqual(['application/json', 'application/merge-patch+json']);
  });

  it('merges nested objects member by member, and validates the merged resource whole', async () => {
    const { client } = await newWorkspace();
    // A KPI set to null goes back to the default thresholds; the others stay.
    const removed = await client.patch('/v1/workspace', { tierOverrides: { ctr: null } });
    expect(removed.body.tierOverrides).toEqual({ cpa: { average: 40, strong: 20, exceptional: 10 } });
    // A new KPI needs all its thresholds: a partial one is a 400 naming what is missing.
    const partial = await client.patch('/v1/workspace', { tierOverrides: { engagement_rate: { strong: 4 } } });
    expect(partial.status).toBe(400);
    expect(partial.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.tierOverrides.engagement_rate.average', 'body.tierOverrides.engagement_rate.exceptional']);
    // Thresholds that contradict each other after the merge are refused by the tier rules.
    const contradicting = await client.patch('/v1/workspace', { tierOverrides: { cpa: { strong: 50 } } });
    expect(contradicting.status).toBe(400);
    expect((await client.get('/v1/workspace')).body.tierOverrides).toEqual({ cpa: { average: 40, strong: 20, exceptional: 10 } });
    // An empty object changes nothing (it is not "replace with nothing").
    expect((await client.patch('/v1/workspace', { tierOverrides: {} })).body.tierOverrides).toEqual({ cpa: { average: 40, strong: 20, exceptional: 10 } });
    // A webhook is always signed: its secret cannot be cleared while the URL stays.
    const secretless = await client.patch('/v1/workspace', { alertWebhookSecret: null });
    expect(secretless.status).toBe(400);
    expect(secretless.body.errors[0].field).toBe('body.alertWebhookSecret');
  });

  it('checks the merged campaign: an end before the (unchanged) start is a 400 on endsOn', async () => {
    const { url } = await created('/v1/campaigns', CAMPAIGN);
    const response = await harness.admin.patch(url, { endsOn: '2026-02-01' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body.endsOn', message: 'endsOn must be on or after startsOn' }]);
    expect((await harness.admin.get(url)).body.endsOn).toBe('2026-03-31');
  });

  it('an empty patch is a 400 saying what to send; the kind of a source cannot be patched', async () => {
    const { url } = await created('/v1/sources', SOURCE);
    expect((await harness.admin.patch(url, {})).body.errors).toEqual([{ field: 'body', message: 'send at least one field to change' }]);
    const kind = await harness.admin.patch(url, { kind: 'studio' });
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toEqual([{ field: 'body.kind', message: expect.stringContaining('is not a field of this request') }]);
  });
});
