import type { EntityManager } from '@mikro-orm/postgresql';
import { isoDayOf } from '@persona-ops/domain/core';
import { Asset, Campaign, Post, Source, type ICampaign, type IPost, type ISource } from '@persona-ops/domain/store';
import { createOfferCode, createTrackingLink, ingestConversions, ingestSurveyAnswers, type IncomingConversion } from '../services/attribution.service.ts';
import { ingestAudienceBreakdowns, ingestFollowerSnapshots, ingestMetricSnapshots, type AudienceBreakdownInput, type FollowerSnapshotInput, type MetricSnapshotInput } from '../services/metrics.service.ts';
import { createPaidTest } from '../services/paid-tests.service.ts';
import { audienceOf, demoCampaignFunnels, demoFollowers, demoPostReach, engagementOf, offerCodeSales, snapshotDays } from './demo-audience-commerce.data.ts';

const DAY = 86_400_000;
const dayAt = (ms: number) => isoDayOf(new Date(ms));
// Figures are shaped by a post's place in the list, never by chance, so every run seeds the same story.
const wobble = (index: number) => 1 + (((index * 37) % 11) - 5) / 50;

/**
 * Layers 2 and 3 of the demo brand: what the platforms and the analytics would have reported for
 * its posts, fed through the same services as the API's bulk endpoints. Everything is relative to
 * `now`, like the rest of the demo, and nothing here touches the production layer.
 */
export async function seedDemoAudienceCommerce(em: EntityManager, workspaceId: string, now: Date) {
  const posts = await em.find(Post, { workspace: workspaceId }, { orderBy: { publishedAt: 'asc', id: 'asc' }, populate: ['source', 'campaign'] });
  const sources = await em.find(Source, { workspace: workspaceId }, { orderBy: { name: 'asc' } });
  const campaigns = await em.find(Campaign, { workspace: workspaceId });
  const today = now.getTime();
  const yesterday = dayAt(today - DAY);

  await ingestFollowerSnapshots(em, workspaceId, followerSnapshots(sources, today), now);
  await ingestMetricSnapshots(em, workspaceId, metricSnapshots(posts, today), now);
  await ingestAudienceBreakdowns(em, workspaceId, audienceBreakdowns(sources, today), now);

  const conversions: IncomingConversion[] = [];
  for (const [index, post] of posts.entries()) {
    const funnel = demoCampaignFunnels[post.campaign.name];
    if (!funnel) continue;
    const link = await createTrackingLink(em, workspaceId, { campaignId: post.campaign.id, sourceId: post.source.id, postId: post.id, landingUrl: funnel.landingUrl });
    const reach = demoPostReach(post.source.kind, post.channel, post.placement) * wobble(index);
    const rates = funnel.bySourceKind[post.source.kind] ?? funnel.bySourceKind.default!;
    const clicks = Math.round(reach * 1.45 * rates.ctr);
    const registrations = Math.round(clicks * rates.registration);
    const targetActions = Math.round(registrations * rates.targetAction);
    const totals = { clicks, sessions: Math.round(clicks * 0.92), registrations, targetActions, sales: funnel.salesPerAction ? targetActions : 0 };
    conversions.push(...spreadOverDays(totals, post.publishedAt.getTime(), yesterday).map((day) => ({
      linkId: link.id,
      day: day.day,
      clicks: day.clicks,
      sessions: day.sessions,
      registrations: day.registrations,
      targetActions: day.targetActions,
      // Only a shop reports sales: the other campaigns' target actions are sign-ups and entries.
      ...(funnel.salesPerAction ? { sales: day.sales, revenueMinor: day.sales * funnel.orderValueMinor } : {}),
      currency: post.currency,
    })));
  }
  // Offer codes read out in the videos: purchases without a click on any link.
  for (const sale of offerCodeSales) {
    const campaign = campaigns.find((c) => c.name === sale.campaign);
    const source = sources.find((s) => s.name === sale.source);
    if (!campaign || !source) continue;
    const code = await createOfferCode(em, workspaceId, { campaignId: campaign.id, sourceId: source.id, code: sale.code }, now);
    const start = Date.parse(`${campaign.startsOn}T00:00:00Z`);
    for (let d = 0; d < sale.days; d++) {
      const day = dayAt(start + (d + 2) * DAY);
      if (day > yesterday) break;
      const sales = sale.perDay[d % sale.perDay.length]!;
      conversions.push({ code: code.code, day, targetActions: sales, sales, revenueMinor: sales * sale.orderValueMinor, currency: campaign.currency });
    }
  }
  await ingestConversions(em, workspaceId, conversions, now);

  await ingestSurveyAnswers(em, workspaceId, sources.flatMap((source, s) =>
    Array.from({ length: 20 }, (_, d) => ({ sourceId: source.id, day: dayAt(today - (60 - d * 3) * DAY), answers: ((s + 2) * (d + 3)) % 9 + 1 }))), now);

  await seedPaidTests(em, workspaceId, campaigns, now);
}

function followerSnapshots(sources: ISource[], today: number): FollowerSnapshotInput[] {
  return sources.flatMap((source) => {
    const curve = demoFollowers[source.name];
    if (!curve) return [];
    const launched = source.launchedOn ? Date.parse(`${source.launchedOn}T00:00:00Z`) : today - 130 * DAY;
    const first = Math.max(launched, today - 130 * DAY);
    const rows: FollowerSnapshotInput[] = [];
    for (let t = first; t <= today; t += DAY) {
      const age = (t - launched) / DAY;
      rows.push({ sourceId: source.id, date: dayAt(t), followers: Math.round(curve(age, (today - t) / DAY)) });
    }
    return rows;
  });
}

function metricSnapshots(posts: IPost[], today: number): MetricSnapshotInput[] {
  return posts.flatMap((post, index) => {
    const reach = demoPostReach(post.source.kind, post.channel, post.placement) * wobble(index);
    const rates = engagementOf(post.source.kind);
    return snapshotDays.flatMap(({ afterDays, share }) => {
      const at = post.publishedAt.getTime() + afterDays * DAY;
      if (at > today) return [];
      const r = reach * share;
      return [{
        postId: post.id,
        capturedAt: new Date(at).toISOString(),
        reach: Math.round(r),
        impressions: Math.round(r * 1.45),
        views: Math.round(r * 1.7),
        likes: Math.round(r * rates.likes),
        comments: Math.round(r * rates.comments),
        shares: Math.round(r * rates.shares),
        saves: Math.round(r * rates.saves),
        profileVisits: Math.round(r * 0.015),
        linkClicks: Math.round(r * 0.006),
        follows: Math.round(r * rates.follows),
      }];
    });
  });
}

function audienceBreakdowns(sources: ISource[], today: number): AudienceBreakdownInput[] {
  const capturedOn = dayAt(today - DAY);
  return sources.flatMap((source) => {
    const audience = audienceOf(source.kind);
    return (['country', 'language'] as const).flatMap((dimension) =>
      Object.entries(audience[dimension]).map(([key, share]) => ({ sourceId: source.id, dimension, key, share, capturedOn })));
  });
}

type DayCounts = { day: string; clicks: number; sessions: number; registrations: number; targetActions: number; sales: number };

// Clicks and what follows them fade over the two weeks after a post: each day gets 0.6 of the
// day before, and the last day takes what rounding left, so the totals are exact.
function spreadOverDays(totals: Omit<DayCounts, 'day'>, publishedAt: number, lastDay: string): DayCounts[] {
  const days: string[] = [];
  for (let d = 0; d < 14; d++) {
    const day = dayAt(publishedAt + d * DAY);
    if (day > lastDay) break;
    days.push(day);
  }
  if (days.length === 0) return [];
  const weights = days.map((_, d) => 0.6 ** d);
  const sum = weights.reduce((a, b) => a + b, 0);
  const keys = ['clicks', 'sessions', 'registrations', 'targetActions', 'sales'] as const;
  const left = { ...totals };
  return days.map((day, d) => {
    const row = { day } as DayCounts;
    for (const key of keys) {
      row[key] = d === days.length - 1 ? left[key] : Math.min(left[key], Math.round((totals[key] * weights[d]!) / sum));
      left[key] -= row[key];
    }
    return row;
  });
}

// The launch's paid tests: Léa's reel against the packshot ad, and a holdout that saw no ad.
async function seedPaidTests(em: EntityManager, workspaceId: string, campaigns: ICampaign[], now: Date) {
  const launch = campaigns.find((c) => c.name === 'Glow Serum launch');
  if (!launch) return;
  const asset = (title: string) => em.findOneOrFail(Asset, { workspace: workspaceId, campaign: launch.id, title });
  const [reel, packshot] = await Promise.all([asset('Morning routine reel'), asset('Packshot ad')]);
  const endsOn = dayAt(Math.min(now.getTime() - DAY, Date.parse(`${launch.startsOn}T00:00:00Z`) + 21 * DAY));
  await createPaidTest(em, workspaceId, {
    campaignId: launch.id,
    name: 'Reel vs packshot (Instagram feed)',
    kind: 'creative_ab',
    startsOn: launch.startsOn,
    endsOn,
    arms: [
      { name: 'AI reel', role: 'treatment', assetId: reel.id, spendMinor: 120_000, currency: launch.currency, impressions: 240_000, clicks: 5_040, conversions: 46 },
      { name: 'Packshot', role: 'control', assetId: packshot.id, spendMinor: 120_000, currency: launch.currency, impressions: 250_000, clicks: 2_750, conversions: 19 },
    ],
  });
  await createPaidTest(em, workspaceId, {
    campaignId: launch.id,
    name: 'Launch holdout (10 % saw no ad)',
    kind: 'holdout',
    startsOn: launch.startsOn,
    endsOn,
    arms: [
      { name: 'Exposed', role: 'treatment', spendMinor: 220_000, currency: launch.currency, audience: 180_000, conversions: 342 },
      { name: 'Holdout', role: 'holdout', spendMinor: 0, currency: launch.currency, audience: 20_000, conversions: 24 },
    ],
  });
}
