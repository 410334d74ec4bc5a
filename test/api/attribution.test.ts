import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client } from '../support/api-harness.ts';

let harness: Awaited<ReturnType<typeof startTestApp>>;
let studio: Client;
let lea: { id: string };
let maya: { id: string };
let campaign: { id: string };
let otherCampaign: { id: string };
let paidPost: { id: string };
let mayaPost: { id: string };
let link: { id: string };
let code: { id: string; code: string };

const missing = '00000000-0000-4000-8000-000000000000';

async function publishedAsset(client: Client, campaignId: string, sourceId: string, placement: { channel: string; spendMinor?: number }) {
  const approvedAt = '2026-03-01T00:00:00Z';
  const brief = await client.post('/v1/briefs', { campaignId, sourceId, title: 'b', openedAt: approvedAt });
  const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'a', kind: 'video', tool: 'x', currency: 'USD', productionHours: 1, draftedAt: approvedAt });
  await client.post(`/v1/assets/${asset.body.id}/submit`, { submittedAt: approvedAt });
  await harness.admin.post(`/v1/assets/${asset.body.id}/reviews`, { decision: 'approve', decidedAt: approvedAt });
  const base = { channel: placement.channel, url: 'https://social.example/p/1', aiLabelApplied: true, publishedAt: '2026-03-05T10:00:00Z' };
  const published = placement.spendMinor
    ? await client.post(`/v1/assets/${asset.body.id}/paid-reuse`, { ...base, spendMinor: placement.spendMinor })
    : await client.post(`/v1/assets/${asset.body.id}/publish`, base);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return published.body.post as { id: string };
}

const stored = async (sql: string) => harness.orm.em.getConnection().execute(sql);

beforeAll(async () => {
  harness = await startTestApp();
  studio = await harness.userWithRole('studio');
  lea = (await studio.post('/v1/sources', { kind: 'ai_character', name: 'Léa Nova', handles: { tiktok: '@lea.nova' } })).body;
  maya = (await studio.post('/v1/sources', { kind: 'human_creator', name: 'Maya Ortiz' })).body;
  campaign = (await studio.post('/v1/campaigns', { name: 'Été 2026: Spring Launch!', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'purchase' })).body;
  otherCampaign = (await studio.post('/v1/campaigns', { name: 'Other', goal: 'traffic', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'EUR', targetAction: 'visit' })).body;
  paidPost = await publishedAsset(studio, campaign.id, lea.id, { channel: 'instagram', spendMinor: 10_000 });
  mayaPost = await publishedAsset(studio, campaign.id, maya.id, { channel: 'youtube' });
});
afterAll(() => harness.close());

describe('tracking links', () => {
  it('tags the landing page from the post: its channel, paid_social for a paid post, its id; the campaign name as a slug', async () => {
    const response = await studio.post('/v1/tracking-links', {
      campaignId: campaign.id,
      sourceId: lea.id,
      postId: paidPost.id,
      landingUrl: 'https://shop.example/spring?ref=a%20b&flag&utm_source=old#offer',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    link = response.body;
    expect(response.body).toMatchObject({ campaignId: campaign.id, sourceId: lea.id, postId: paidPost.id, utmSource: 'instagram', utmMedium: 'paid_social', utmCampaign: 'ete-2026-spring-launch', utmContent: paidPost.id });
    // The page's own parameters stay as written (an old utm_source is replaced), the fragment stays last.
    expect(response.body.url).toBe(`https://shop.example/spring?ref=a%20b&flag&utm_source=instagram&utm_medium=paid_social&utm_campaign=ete-2026-spring-launch&utm_content=${paidPost.id}#offer`);
  });

  it("without a post: the source's first handle platform, social, the source's name; given values are percent-encoded", async () => {
    const plain = await studio.post('/v1/tracking-links', { campaignId: campaign.id, sourceId: lea.id, landingUrl: 'https://shop.example/' });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ postId: null, utmSource: 'tiktok', utmMedium: 'social', utmContent: 'lea-nova' });
    expect(plain.body.url).toBe('https://shop.example/?utm_source=tiktok&utm_medium=social&utm_campaign=ete-2026-spring-launch&utm_content=lea-nova');

    const custom = await studio.post('/v1/tracking-links', { campaignId: campaign.id, sourceId: lea.id, landingUrl: 'https://shop.example/a', utmSource: 'newsletter', utmMedium: 'email', utmContent: 'story & reel/1' });
    expect(new URL(custom.body.url).searchParams.get('utm_content')).toBe('story & reel/1');
    expect(custom.body.url).toContain('utm_content=story%20%26%20reel%2F1');
  });

  it('asks for utmSource when neither a post nor a handle tells where the link goes', async () => {
    const response = await studio.post('/v1/tracking-links', { campaignId: campaign.id, sourceId: maya.id, landingUrl: 'https://shop.example/' });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('body.utmSource');
  });

  it('refuses ids of no record of this workspace (404) and a post of another campaign or source (422)', async () => {
    const unknown = await studio.post('/v1/tracking-links', { campaignId: missing, sourceId: lea.id, postId: missing, landingUrl: 'https://shop.example/' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.campaignId', 'body.postId']);

    const wrongSource = await studio.post('/v1/tracking-links', { campaignId: campaign.id, sourceId: lea.id, postId: mayaPost.id, landingUrl: 'https://shop.example/' });
    expect(wrongSource.status).toBe(422);
    expect(wrongSource.body.errors).toEqual([{ field: 'body.postId', message: 'was made by another source, not Léa Nova' }]);
    const wrongCampaign = await studio.post('/v1/tracking-links', { campaignId: otherCampaign.id, sourceId: lea.id, postId: paidPost.id, landingUrl: 'https://shop.example/' });
    expect(wrongCampaign.status).toBe(422);

    const notUrl = await studio.post('/v1/tracking-links', { campaignId: campaign.id, sourceId: lea.id, landingUrl: 'ftp://shop.example/' });
    expect(notUrl.status).toBe(400);
    expect(notUrl.body.errors[0].field).toBe('body.landingUrl');
  });

  it('lists by campaign and source with a cursor, and gets one', async () => {
    const first = await studio.get(`/v1/tracking-links?campaignId=${campaign.id}&sourceId=${lea.id}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await studio.get(`/v1/tracking-links?campaignId=${campaign.id}&sourceId=${lea.id}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect((await studio.get(`/v1/tracking-links?sourceId=${maya.id}`)).body.items).toEqual([]);
    const one = await studio.get(`/v1/tracking-links/${link.id}`);
    expect(one.body).toEqual(link);
    expect((await studio.get(`/v1/tracking-links/${missing}`)).status).toBe(404);
  });
});

describe('offer codes', () => {
  it('generates a readable code from the source name', async () => {
    const response = await studio.post('/v1/offer-codes', { campaignId: campaign.id, sourceId: lea.id, postId: paidPost.id });
    expect(response.status).toBe(201);
    expect(response.body.code).toMatch(/^LEA-[2-9A-HJKMNP-Z]{4}$/);
    expect(response.body).toMatchObject({ campaignId: campaign.id, sourceId: lea.id, postId: paidPost.id });
  });

  it('stores a given code in capitals, unique in the workspace (409 naming the field)', async () => {
    const given = await studio.post('/v1/offer-codes', { campaignId: campaign.id, sourceId: lea.id, code: 'lea-spring10' });
    expect(given.status).toBe(201);
    expect(given.body.code).toBe('LEA-SPRING10');
    code = given.body;
    const again = await studio.post('/v1/offer-codes', { campaignId: campaign.id, sourceId: maya.id, code: 'LEA-Spring10' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'body.code', message: 'is already used in this workspace' }]);
    // Another workspace may use the same code.
    const other = await harness.newWorkspace('Brand Codes');
    const otherSource = await other.admin.post('/v1/sources', { kind: 'studio', name: 'Studio' });
    const otherCampaignB = await other.admin.post('/v1/campaigns', { name: 'B', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'buy' });
    expect((await other.admin.post('/v1/offer-codes', { campaignId: otherCampaignB.body.id, sourceId: otherSource.body.id, code: 'LEA-SPRING10' })).status).toBe(201);
    const bad = await studio.post('/v1/offer-codes', { campaignId: campaign.id, sourceId: lea.id, code: 'no spaces!' });
    expect(bad.status).toBe(400);
  });

  it('lists and gets codes of this workspace only', async () => {
    const list = await studio.get(`/v1/offer-codes?campaignId=${campaign.id}&sort=code&order=asc`);
    expect(list.body.items.map((c: { code: string }) => c.code)).toContain('LEA-SPRING10');
    expect(list.body.items).toHaveLength(2);
    expect((await studio.get(`/v1/offer-codes/${code.id}`)).body).toEqual(code);
    expect((await studio.get(`/v1/offer-codes?postId=${missing}`)).status).toBe(404);
  });
});

describe('conversion counts', () => {
  const byLink = (day: string, extra: Record<string, unknown> = {}) => ({ linkId: link.id, day, clicks: 100, sessions: 90, registrations: 20, targetActions: 5, sales: 3, revenueMinor: 4_500, currency: 'USD', ...extra });
  const byCode = (day: string, extra: Record<string, unknown> = {}) => ({ code: 'lea-spring10', day, targetActions: 4, sales: 4, revenueMinor: 6_000, currency: 'USD', ...extra });

  it('stores counts per link or code and day, and a re-sent batch changes nothing', async () => {
    const batch = [byLink('2026-03-10'), byLink('2026-03-11'), byCode('2026-03-10')];
    const first = await studio.post('/v1/conversions/bulk', { counts: batch });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const again = await studio.post('/v1/conversions/bulk', { counts: batch });
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const rows = await stored('select count(*)::int as n from conversion_count');
    expect(rows[0]!.n).toBe(3);
  });

  it('replaces a re-sent day: the new counts win and an omitted count becomes unknown', async () => {
    const response = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-10', { clicks: 150, sessions: undefined }), byCode('2026-03-10'), byCode('2026-03-12')] });
    expect(response.body).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    const [row] = await stored(`select clicks::int, sessions from conversion_count where link_id = '${link.id}' and day = '2026-03-10'`);
    expect(row).toEqual({ clicks: 150, sessions: null });
  });

  it('refuses negative counts, unknown currencies and rows naming both or neither of link and code (400)', async () => {
    const negative = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-20'), byLink('2026-03-21', { clicks: -1 })] });
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toEqual([{ field: 'body.counts.1.clicks', message: 'cannot be negative' }]);
    const revenue = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-21', { revenueMinor: -5 })] });
    expect(revenue.body.errors[0].field).toBe('body.counts.0.revenueMinor');
    const currency = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-21', { currency: 'XYZ' })] });
    expect(currency.status).toBe(400);
    expect(currency.body.errors[0].field).toBe('body.counts.0.currency');
    const both = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-21', { code: 'LEA-SPRING10' })] });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toEqual({ field: 'body.counts.0.linkId', message: 'give exactly one of linkId and code' });
    const repeated = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-21'), byLink('2026-03-21')] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].field).toBe('body.counts.1.day');
    const tooMany = await studio.post('/v1/conversions/bulk', { counts: Array.from({ length: 10_001 }, () => byLink('2026-03-21')) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.counts');
  });

  it("refuses a currency other than the campaign's (422) and an unknown link or code (404), storing nothing of the batch", async () => {
    const before = await stored('select count(*)::int as n from conversion_count');
    const euro = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-22'), byCode('2026-03-22', { currency: 'EUR' })] });
    expect(euro.status).toBe(422);
    expect(euro.body.errors).toEqual([{ field: 'body.counts.1.currency', message: "must be USD, the campaign's currency" }]);
    const unknown = await studio.post('/v1/conversions/bulk', { counts: [byLink('2026-03-22'), byLink('2026-03-23', { linkId: missing }), byCode('2026-03-22', { code: 'NOPE-1234' })] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.counts.1.linkId', 'body.counts.2.code']);
    expect((await stored('select count(*)::int as n from conversion_count'))[0]!.n).toBe(before[0]!.n);
  });
});

describe('survey answers', () => {
  it('stores answers per source and day, idempotently, and refuses a foreign source', async () => {
    const batch = [{ sourceId: lea.id, day: '2026-03-10', answers: 12 }, { sourceId: maya.id, day: '2026-03-10', answers: 3 }];
    expect((await studio.post('/v1/survey-answers/bulk', { answers: batch })).body).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect((await studio.post('/v1/survey-answers/bulk', { answers: batch })).body).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect((await studio.post('/v1/survey-answers/bulk', { answers: [{ ...batch[0], answers: 15 }] })).body).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const negative = await studio.post('/v1/survey-answers/bulk', { answers: [{ sourceId: lea.id, day: '2026-03-11', answers: -1 }] });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].field).toBe('body.answers.0.answers');
    const other = await harness.newWorkspace('Brand Survey');
    const foreign = await other.admin.post('/v1/sources', { kind: 'studio', name: 'Theirs' });
    const refused = await studio.post('/v1/survey-answers/bulk', { answers: [{ sourceId: lea.id, day: '2026-03-12', answers: 1 }, { sourceId: foreign.body.id, day: '2026-03-12', answers: 1 }] });
    expect(refused.status).toBe(404);
    expect(refused.body.errors).toEqual([{ field: 'body.answers.1.sourceId', message: `no source ${foreign.body.id} in this workspace` }]);
    const [row] = await stored(`select count(*)::int as n from survey_answer_count where day = '2026-03-12'`);
    expect(row!.n).toBe(0);
  });
});
