// One valid request per operation of the OpenAPI document, for the tests that walk it
// (strict-input.test.ts, text-input.test.ts). The samples need no real records: input is validated
// before any handler runs.

export const ID = '00000000-0000-4000-8000-000000000001';
export const DAY = '2026-03-01';
export const AT = '2026-03-01T10:00:00Z';

export type Sample = { body?: Record<string, unknown>; query?: string; pathParams?: Record<string, string>; csv?: string };

// One valid request per operation with a JSON request body.
export const bodies: Record<string, Sample> = {
  'patch /v1/workspace': { body: { hourlyRateMinor: 5000 } },
  'post /v1/users': { body: { email: 'new@a.test', name: 'New', role: 'studio' } },
  'post /v1/api-keys': { body: { userId: ID, label: 'ci' } },
  'post /v1/sources': { body: { kind: 'studio', name: 'Mine' } },
  'patch /v1/sources/{id}': { body: { name: 'Renamed' } },
  'post /v1/campaigns': { body: { name: 'Mine', goal: 'traffic', startsOn: DAY, endsOn: '2026-03-31', currency: 'USD', targetAction: 'visit' } },
  'patch /v1/campaigns/{id}': { body: { name: 'Renamed' } },
  'post /v1/briefs': { body: { campaignId: ID, sourceId: ID, title: 'Brief' } },
  'post /v1/assets': { body: { briefId: ID, title: 'Asset', kind: 'image', tool: 'gen', currency: 'USD', productionHours: 1 } },
  'patch /v1/assets/{id}': { body: { title: 'Renamed' } },
  'post /v1/assets/{id}/submit': { body: {} },
  'post /v1/assets/{id}/reviews': { body: { decision: 'approve' } },
  'post /v1/assets/{id}/publish': { body: { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true } },
  'post /v1/assets/{id}/paid-reuse': { body: { channel: 'instagram', url: 'https://i.example/p', aiLabelApplied: true, spendMinor: 100 } },
  'post /v1/comments': { body: { postId: ID, platformCommentId: 'c1', text: 'hi', postedAt: AT } },
  'post /v1/comments/bulk': { body: { comments: [{ postId: ID, platformCommentId: 'c1', text: 'hi', postedAt: AT }] } },
  'post /v1/metric-snapshots/bulk': { body: { snapshots: [{ postId: ID, capturedAt: AT, likes: 1 }] } },
  'post /v1/follower-snapshots/bulk': { body: { snapshots: [{ sourceId: ID, date: DAY, followers: 1 }] } },
  'post /v1/audience-breakdowns/bulk': { body: { breakdowns: [{ postId: ID, dimension: 'country', key: 'FR', share: 10, capturedOn: DAY }] } },
  'post /v1/imports/unlinked/{id}/resolve': { body: { postId: ID } },
  'post /v1/imports/unlinked/resolve': { body: { kind: 'post-metrics', matchKey: 'post:x', postId: ID } },
  'post /v1/imports/unlinked/{id}/dismiss': { body: {} },
  'put /v1/import-mappings/{kind}/{platform}': { pathParams: { kind: 'conversions', platform: 'shopify' }, body: { mapping: { Mine: 'revenue' } } },
  'post /v1/tracking-links': { body: { campaignId: ID, sourceId: ID, landingUrl: 'https://shop.example/' } },
  'post /v1/offer-codes': { body: { campaignId: ID, sourceId: ID, code: 'MINE-1' } },
  'post /v1/conversions/bulk': { body: { counts: [{ linkId: ID, day: DAY, clicks: 1, currency: 'USD' }] } },
  'post /v1/survey-answers/bulk': { body: { answers: [{ sourceId: ID, day: DAY, answers: 1 }] } },
  'post /v1/cost-lines': { body: { campaignId: ID, sourceId: ID, kind: 'creator_fee', amountMinor: 100, currency: 'USD', incurredOn: DAY } },
  'post /v1/cost-lines/bulk': { body: { lines: [{ campaignId: ID, sourceId: ID, kind: 'creator_fee', amountMinor: 100, currency: 'USD', incurredOn: DAY }] } },
  'post /v1/fx-rates/bulk': { body: { rates: [{ day: DAY, base: 'EUR', quote: 'USD', rate: 1.1 }] } },
  'post /v1/paid-tests': { body: { campaignId: ID, name: 'Test', kind: 'creative_ab', startsOn: DAY, endsOn: '2026-03-31', arms: [{ name: 'ai', role: 'treatment', assetId: ID, aiGenerated: true, spendMinor: 1, currency: 'USD' }, { name: 'control', role: 'control', spendMinor: 1, currency: 'USD' }] } },
  'put /v1/paid-tests/{id}/arms/{name}': { pathParams: { name: 'ai' }, body: { spendMinor: 1, currency: 'USD' } },
  'post /v1/classification/backfills': { body: {} },
  'post /v1/reports/campaign/{id}/share-links': { body: { expiresInDays: 7 } },
  'post /v1/report-schedules': { body: { name: 'Weekly', kind: 'overview', cadence: 'weekly', weekday: 1, hourUtc: 8, emailRecipients: ['cmo@a.test'] } },
  'patch /v1/report-schedules/{id}': { body: { hourUtc: 9 } },
  'post /v1/connections': { body: { sourceId: ID, platform: 'youtube' } },
  'post /v1/connections/callback': { body: { state: 'state-from-the-platform', code: 'code-from-the-platform' } },
};

// The query (and CSV body) an operation needs to be valid, where it needs one.
export const queries: Record<string, Sample> = {
  'post /v1/imports/comments': { csv: 'Post ID,Comment ID,Comment,Timestamp\n' },
  'post /v1/imports/post-metrics': { query: 'platform=youtube', csv: 'Content,Views\n' },
  'post /v1/imports/conversions': { query: 'platform=shopify&currency=USD', csv: 'Day,Discount code,Orders\n' },
  'post /v1/imports/fx-rates': { csv: 'day,base,quote,rate\n' },
  'get /v1/metric-snapshots': { query: `postId=${ID}` },
  'get /v1/follower-snapshots': { query: `sourceId=${ID}` },
  'delete /v1/import-mappings/{kind}/{platform}': { pathParams: { kind: 'post-metrics', platform: 'youtube' } },
  'get /v1/shared/campaign-report/{token}': { pathParams: { token: 'not-a-real-token' } },
  'get /v1/reports/executive-answer': { query: 'goal=sales' },
  'post /v1/imports/cost-lines': { csv: 'Campaign,Kind,Amount,Currency,Date\n' },
};
