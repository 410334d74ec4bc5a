import { keepUnlinkedRows } from '@persona-ops/domain/store';
import { startTestApp, type ApiBody, type Client } from '../../support/api-harness.ts';

// Two workspaces with one record of every kind each: A, the fuzzer's own, and B, the other
// workspace whose ids the fuzzer slips into A's requests. Every id, B's workspace id and a marker
// in B's names are what must never come back to A.

export type RecordKind = 'source' | 'campaign' | 'brief' | 'asset' | 'post' | 'user' | 'apiKey' | 'backfill' | 'import' | 'unlinkedRow' | 'link' | 'offerCode' | 'paidTest' | 'shareLink' | 'costLine';
export type Records = Record<RecordKind, string[]>;

export type Role = 'admin' | 'studio' | 'approver' | 'executive';

export type FuzzWorld = {
  harness: Awaited<ReturnType<typeof startTestApp>>;
  /** A's key of each role, and one of A's keys that was revoked. */
  keys: Record<Role, string> & { revoked: string };
  own: Records;
  foreign: Records;
  ownShareToken: string;
  /** The time seeding ended: after every record's creation, so a comment or a draft may be dated then. */
  seededAt: string;
  /** B's admin, to see that B's records are as they were after the run. */
  foreignAdmin: Client;
  /** Strings of B's that never appear in an answer to A unless A sent them. */
  foreignMarkers: string[];
};

/** B's record names carry it, so a leak of a name is found like a leak of an id. */
export const FOREIGN_MARKER = 'zz-brand-b-secret';

const csvHeaders = { authorization: '', 'content-type': 'text/csv' };

async function populate(harness: FuzzWorld['harness'], client: Client, label: string) {
  const ok = (what: string, response: { status: number; body: unknown }) => {
    if (response.status >= 300) throw new Error(`seeding ${label}: ${what} answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as ApiBody;
  };
  const source = ok('source', await client.post('/v1/sources', { kind: 'ai_character', name: `${label} char`, launchedOn: '2026-01-01' }));
  const campaign = ok('campaign', await client.post('/v1/campaigns', { name: `${label} camp`, goal: 'sales', startsOn: '2026-01-01', endsOn: '2026-12-31', currency: 'USD', targetAction: 'buy' }));
  const brief = ok('brief', await client.post('/v1/briefs', { campaignId: campaign.id, sourceId: source.id, title: `${label} brief` }));
  const asset = (title: string) => client.post('/v1/assets', { briefId: brief.id, title, kind: 'image', tool: 'x', currency: 'USD', productionHours: 1 });
  const published = ok('asset', await asset(`${label} asset`));
  const draft = ok('draft asset', await asset(`${label} draft`));
  const submitted = ok('submitted asset', await asset(`${label} submitted`));
  ok('submit', await client.post(`/v1/assets/${published.id}/submit`));
  ok('submit', await client.post(`/v1/assets/${submitted.id}/submit`));
  ok('review', await client.post(`/v1/assets/${published.id}/reviews`, { decision: 'approve' }));
  const publication = ok('publish', await client.post(`/v1/assets/${published.id}/publish`, { channel: 'tiktok', url: 'https://t.example/v', aiLabelApplied: true }));
  const postId: string = publication.post.id;
  const user = ok('user', await client.post('/v1/users', { email: `u-${label}@fuzz.test`, name: `${label} user`, role: 'approver' }));
  const link = ok('link', await client.post('/v1/tracking-links', { campaignId: campaign.id, sourceId: source.id, postId, landingUrl: 'https://shop.example/' }));
  const offerCode = ok('offer code', await client.post('/v1/offer-codes', { campaignId: campaign.id, sourceId: source.id }));
  const paidTest = ok('paid test', await client.post('/v1/paid-tests', { campaignId: campaign.id, name: `${label} test`, kind: 'creative_ab', startsOn: '2026-03-01', endsOn: '2026-03-31', arms: [{ name: 'ai', role: 'treatment', assetId: published.id, spendMinor: 100, currency: 'USD', impressions: 1000, clicks: 10 }, { name: 'control', role: 'control', spendMinor: 100, currency: 'USD', impressions: 1000, clicks: 5 }] }));
  const costLine = ok('cost line', await client.post('/v1/cost-lines', { campaignId: campaign.id, sourceId: source.id, kind: 'usage_rights', amountMinor: 12_345, currency: 'USD', incurredOn: '2026-03-01' }));
  // After the post was published (now).
  const later = new Date(Date.now() + 1000).toISOString();
  ok('comment', await client.post('/v1/comments', { postId, platformCommentId: `${label}-c1`, text: `${label} comment`, postedAt: later }));
  ok('metrics', await client.post('/v1/metric-snapshots/bulk', { snapshots: [{ postId, capturedAt: later, likes: 10, views: 100 }] }));
  ok('followers', await client.post('/v1/follower-snapshots/bulk', { snapshots: [{ sourceId: source.id, date: '2026-03-02', followers: 1000 }] }));
  ok('fx rate', await client.post('/v1/fx-rates/bulk', { rates: [{ day: '2026-03-01', base: 'EUR', quote: 'USD', rate: '1.0866' }] }));
  ok('mapping', await client.request('PUT', '/v1/import-mappings/conversions/shopify', { mapping: { [`${label} col`]: 'revenue' } }));
  const shared = ok('share link', await client.post(`/v1/reports/campaign/${campaign.id}/share-links`, { expiresInDays: 7 }));
  // Its id is not in the pool, so no fuzzed DELETE revokes the token the fuzzer opens.
  const kept = ok('share link', await client.post(`/v1/reports/campaign/${campaign.id}/share-links`, { expiresInDays: 30 }));
  const backfill = ok('backfill', await client.post('/v1/classification/backfills'));
  const imported = await harness.app.inject({ method: 'POST', url: '/v1/imports/comments', headers: { ...csvHeaders, authorization: `Bearer ${client.key}` }, payload: `Post ID,Comment ID,Comment,Timestamp\n${postId},${label}-c2,hi,2026-03-03 00:00:00\n` });
  const importId = ok('import', { status: imported.statusCode, body: imported.json() }).id as string;
  return {
    records: {
      source: [source.id], campaign: [campaign.id], brief: [brief.id], asset: [published.id, draft.id, submitted.id], post: [postId],
      user: [user.user.id], apiKey: [user.apiKey.id], backfill: [backfill.id], import: [importId], unlinkedRow: [] as string[],
      link: [link.id], offerCode: [offerCode.id], paidTest: [paidTest.id], shareLink: [shared.id], costLine: [costLine.id],
    } satisfies Records,
    shareTokens: [shared.token as string, kept.token as string],
  };
}

async function addUnlinkedRow(world: FuzzWorld['harness'], workspaceId: string, importId: string, label: string) {
  await keepUnlinkedRows(world.orm.em.fork(), workspaceId, importId, [{ line: 2, kind: 'post-metrics', platform: 'tiktok', matchKey: `post:${label}-1`, raw: { 'Video ID': `${label}-1` }, parsed: { platformPostId: `${label}-1`, counters: { views: 1 }, capturedAt: '2026-03-02T10:00:00Z' }, reason: `no tiktok post ${label}-1` }], new Date('2026-03-02T10:00:00Z'));
  const rows = await world.orm.em.getConnection().execute<Array<{ id: string }>>('select id from unlinked_import_row where workspace_id = ?', [workspaceId]);
  return rows.map((row) => row.id);
}

export async function createFuzzWorld(): Promise<FuzzWorld> {
  // The fuzzer sends thousands of requests, many with a wrong key, from one address: far past the
  // limits a client should reach, which test/api/hardening.test.ts checks on their own.
  const harness = await startTestApp({ rateLimits: { authFailuresMax: 1_000_000, requestsMax: 1_000_000, windowMs: 60_000 } });
  const other = await harness.newWorkspace('Brand B');
  const mine = await populate(harness, harness.admin, 'a');
  const theirs = await populate(harness, other.admin, FOREIGN_MARKER);
  mine.records.unlinkedRow = await addUnlinkedRow(harness, harness.workspaceId, mine.records.import[0]!, 'a');
  theirs.records.unlinkedRow = await addUnlinkedRow(harness, other.workspaceId, theirs.records.import[0]!, FOREIGN_MARKER);
  const newUser = async (role: Role) => {
    const response = await harness.admin.post('/v1/users', { email: `${role}-${Math.random().toString(36).slice(2)}@fuzz.test`, name: role, role });
    if (response.status !== 201) throw new Error(`seeding: could not create ${role}: ${JSON.stringify(response.body)}`);
    return { key: response.body.key as string, keyId: response.body.apiKey.id as string };
  };
  const [studio, approver, executive, doomed] = [await newUser('studio'), await newUser('approver'), await newUser('executive'), await newUser('studio')];
  // A key its admin revoked, sent as a hostile credential.
  const revoked = await harness.admin.delete(`/v1/api-keys/${doomed.keyId}`);
  if (revoked.status >= 300) throw new Error(`seeding: could not revoke a key (${JSON.stringify(revoked.body)})`);
  return {
    harness,
    keys: { admin: harness.admin.key, studio: studio.key, approver: approver.key, executive: executive.key, revoked: doomed.key },
    own: mine.records,
    foreign: theirs.records,
    ownShareToken: mine.shareTokens[1]!,
    seededAt: new Date().toISOString(),
    foreignAdmin: other.admin,
    foreignMarkers: [other.workspaceId, FOREIGN_MARKER, ...theirs.shareTokens, other.admin.key, ...Object.values(theirs.records).flat()],
  };
}
