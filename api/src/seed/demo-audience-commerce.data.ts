import type { SourceKind } from '@persona-ops/domain/core';

// The demo brand's audience and commerce, as data: what the platforms and the shop's analytics
// would report. Shaped so the pages tell a story: the launch sells through Léa's links but loses
// buyers after the click, the challenge engages, and the AI character, the creators and the
// studio are compared at equal account age (Jon started too recently to be compared).

/** Snapshots after a post goes out, each with the share of the post's final reach seen by then. */
export const snapshotDays = [
  { afterDays: 1, share: 0.55 },
  { afterDays: 3, share: 0.8 },
  { afterDays: 7, share: 0.95 },
  { afterDays: 14, share: 1 },
];

/** The final reach of a post: paid placements reach far more than organic ones. */
export function demoPostReach(kind: SourceKind, channel: string, placement: string): number {
  if (kind === 'product_ad') return 260_000;
  if (placement === 'paid') return kind === 'studio' ? 150_000 : 120_000;
  if (kind === 'human_creator') return channel === 'youtube' ? 80_000 : channel === 'tiktok' ? 35_000 : 45_000;
  if (kind === 'studio') return 20_000;
  return 30_000;
}

/** Interactions per account reached. */
export function engagementOf(kind: SourceKind) {
  switch (kind) {
    case 'ai_character':
      return { likes: 0.062, comments: 0.009, shares: 0.012, saves: 0.016, follows: 0.005 };
    case 'human_creator':
      return { likes: 0.05, comments: 0.007, shares: 0.008, saves: 0.01, follows: 0.003 };
    case 'studio':
      return { likes: 0.028, comments: 0.003, shares: 0.004, saves: 0.005, follows: 0.001 };
    default:
      return { likes: 0.006, comments: 0.001, shares: 0.001, saves: 0.0005, follows: 0.0002 };
  }
}

/** Followers by days since launch (and days before today); product ads have no account. */
export const demoFollowers: Record<string, (age: number, daysAgo: number) => number> = {
  'Léa Nova': (age) => 1_500 + 95_000 * Math.max(0, age / 120) ** 1.6,
  'Maya Brooks': (age) => 42_000 + 180 * age,
  'Jon Rivera': (age) => 800 + 210 * age,
  'Nova in-house studio': (age) => 12_000 + 40 * age,
};

/** Audience by country and language (percent), per kind of source. */
export function audienceOf(kind: SourceKind): { country: Record<string, number>; language: Record<string, number> } {
  switch (kind) {
    case 'ai_character':
      return { country: { US: 34, GB: 14, FR: 13, DE: 9, BR: 8, JP: 6 }, language: { en: 55, fr: 14, de: 9, pt: 8, ja: 6 } };
    case 'human_creator':
      return { country: { US: 52, CA: 14, GB: 11, AU: 6 }, language: { en: 86, es: 6, fr: 3 } };
    case 'studio':
      return { country: { US: 40, FR: 22, GB: 12, DE: 8 }, language: { en: 60, fr: 24, de: 8 } };
    default:
      return { country: { US: 61, CA: 18, GB: 9 }, language: { en: 90, es: 7 } };
  }
}

type Rates = { ctr: number; registration: number; targetAction: number };
type Funnel = { landingUrl: string; salesPerAction: boolean; orderValueMinor: number; bySourceKind: Partial<Record<SourceKind | 'default', Rates>> };

/**
 * Per campaign: clicks per impression, registrations per click, target actions per registration.
 * Only the launch sells; its target action is a purchase.
 */
export const demoCampaignFunnels: Record<string, Funnel> = {
  'Glow Serum launch': {
    landingUrl: 'https://nova.example/glow-serum',
    salesPerAction: true,
    orderValueMinor: 4_200,
    bySourceKind: {
      ai_character: { ctr: 0.024, registration: 0.12, targetAction: 0.05 },
      human_creator: { ctr: 0.018, registration: 0.15, targetAction: 0.07 },
      default: { ctr: 0.008, registration: 0.1, targetAction: 0.04 },
    },
  },
  'Summer awareness': {
    landingUrl: 'https://nova.example/summer',
    salesPerAction: false,
    orderValueMinor: 0,
    bySourceKind: {
      ai_character: { ctr: 0.011, registration: 0.3, targetAction: 0.7 },
      human_creator: { ctr: 0.009, registration: 0.28, targetAction: 0.65 },
      default: { ctr: 0.006, registration: 0.25, targetAction: 0.6 },
    },
  },
  'Community challenge': {
    landingUrl: 'https://nova.example/glow-with-lea',
    salesPerAction: false,
    orderValueMinor: 0,
    bySourceKind: {
      ai_character: { ctr: 0.015, registration: 0.35, targetAction: 0.55 },
      default: { ctr: 0.012, registration: 0.3, targetAction: 0.5 },
    },
  },
};

/** Promo codes read out in the launch videos: purchases per day from the campaign's third day. */
export const offerCodeSales = [
  { campaign: 'Glow Serum launch', source: 'Léa Nova', code: 'LEA-GLOW', days: 20, perDay: [2, 1, 1, 0, 1], orderValueMinor: 4_200 },
  { campaign: 'Glow Serum launch', source: 'Maya Brooks', code: 'MAYA-GLOW', days: 20, perDay: [1, 0, 1], orderValueMinor: 4_200 },
];
