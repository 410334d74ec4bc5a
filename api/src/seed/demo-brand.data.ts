import type { CampaignGoal, CostKind, SourceKind } from '@persona-ops/domain/core';

// The demo brand's content, as data. Hours count from the brief's opening.

type Step =
  | { do: 'submit'; hour: number }
  | { do: 'approve'; hour: number; reason?: string }
  | { do: 'request_changes' | 'reject'; hour: number; reason: string }
  | { do: 'publish' | 'paid'; hour: number; channel: string; spendMinor?: number; aiLabel?: boolean };

export type AssetStory = {
  title: string;
  kind: 'image' | 'video' | 'carousel' | 'text';
  tool: string;
  toolVersion?: string;
  promptRef?: string;
  generationCostMinor: number;
  otherCostMinor?: number;
  productionHours: number;
  createdAtHour?: number;
  steps: Step[];
};

type BriefData = { source: string; title: string; openDay: number; assets: AssetStory[] };
export type DemoCost = {
  source?: string;
  kind: CostKind;
  basis?: 'flat' | 'per_deliverable';
  amountMinor: number;
  deliverables?: number;
  status: 'committed' | 'spent';
  dayOfCampaign: number;
  split?: 'deliverables' | 'explicit';
  shares?: Record<string, number>;
  note: string;
};

type CampaignData = {
  name: string;
  goal: CampaignGoal;
  startsDaysAgo: number;
  lengthDays: number;
  budgetMinor: number;
  // What the sources cost beyond production and paid spend; a line without a source is shared.
  costs: DemoCost[];
  targetAction: string;
  trackingKeywords: string[];
  briefs: BriefData[];
};

const DAY_MS = 86_400_000;
const isoDaysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);

// Launch dates (a creator's first post) are recent enough that every source but Jon has a full
// 90-day window with posts in it, so the comparison at equal account age has something to rank,
// and Jon shows as too new to compare.
export function demoSources(now: Date): Array<{ kind: SourceKind; name: string; handles: Record<string, string>; aliases: string[]; launchedOn: string | null; hourlyRateMinor: number | null }> {
  return [
    { kind: 'ai_character', name: 'Léa Nova', handles: { instagram: '@lea.nova', tiktok: '@leanova' }, aliases: ['Lea', 'LeaN'], launchedOn: isoDaysAgo(now, 120), hourlyRateMinor: null },
    { kind: 'human_creator', name: 'Maya Brooks', handles: { instagram: '@mayabrooks', youtube: '@MayaBrooks' }, aliases: ['Maya'], launchedOn: isoDaysAgo(now, 100), hourlyRateMinor: 9_000 },
    { kind: 'human_creator', name: 'Jon Rivera', handles: { tiktok: '@jonrivera' }, aliases: [], launchedOn: isoDaysAgo(now, 40), hourlyRateMinor: 7_500 },
    { kind: 'studio', name: 'Nova in-house studio', handles: { instagram: '@novacosmetics' }, aliases: [], launchedOn: isoDaysAgo(now, 95), hourlyRateMinor: null },
    { kind: 'product_ad', name: 'Glow Serum product ads', handles: {}, aliases: [], launchedOn: isoDaysAgo(now, 110), hourlyRateMinor: null },
  ];
}

const ai = (title: string, generationCostMinor: number, productionHours: number, steps: Step[], kind: AssetStory['kind'] = 'image'): AssetStory => ({
  title, kind, tool: kind === 'video' ? 'runway' : 'midjourney', toolVersion: kind === 'video' ? 'gen-4' : '7', promptRef: `prompts/${title.toLowerCase().replace(/\W+/g, '-')}.md`, generationCostMinor, productionHours, steps,
});
const shoot = (title: string, otherCostMinor: number, productionHours: number, steps: Step[], kind: AssetStory['kind'] = 'video'): AssetStory => ({
  title, kind, tool: 'camera', generationCostMinor: 0, otherCostMinor, productionHours, steps,
});

const approvedAt = (submit: number, approve: number): Step[] => [{ do: 'submit', hour: submit }, { do: 'approve', hour: approve }];
const oneRound = (submit: number, changes: number, resubmit: number, approve: number, reason: string): Step[] => [
  { do: 'submit', hour: submit }, { do: 'request_changes', hour: changes, reason }, { do: 'submit', hour: resubmit }, { do: 'approve', hour: approve },
];

export const demoCampaigns: CampaignData[] = [
  {
    name: 'Glow Serum launch',
    goal: 'sales',
    startsDaysAgo: 60,
    lengthDays: 30,
    budgetMinor: 2_500_000,
    costs: [
      { source: 'Maya Brooks', kind: 'creator_fee', amountMinor: 400_000, status: 'spent', dayOfCampaign: 1, note: 'Review video, flat fee' },
      { source: 'Maya Brooks', kind: 'usage_rights', amountMinor: 80_000, status: 'committed', dayOfCampaign: 1, note: '90 days of whitelisting' },
      { source: 'Léa Nova', kind: 'product_seeding', amountMinor: 5_000, status: 'spent', dayOfCampaign: 0, note: 'Serum samples for the shoot props' },
      { kind: 'agency_commission', amountMinor: 120_000, status: 'committed', dayOfCampaign: 0, split: 'deliverables', note: 'Agency commission on the launch' },
    ],
    targetAction: 'purchase',
    trackingKeywords: ['#glowserum', '@novacosmetics', 'glow serum'],
    briefs: [
      {
        source: 'Léa Nova', title: 'Léa unboxes the serum', openDay: 0,
        assets: [
          ai('Unboxing carousel', 1_800, 3, [...approvedAt(6, 20), { do: 'publish', hour: 30, channel: 'instagram' }, { do: 'publish', hour: 34, channel: 'tiktok' }, { do: 'paid', hour: 72, channel: 'instagram', spendMinor: 150_000 }], 'carousel'),
          ai('Morning routine reel', 4_200, 5, [...oneRound(8, 26, 40, 52, 'Hands look synthetic in frame 3'), { do: 'publish', hour: 60, channel: 'tiktok' }, { do: 'paid', hour: 96, channel: 'tiktok', spendMinor: 220_000 }], 'video'),
          ai('Serum close-up v1', 900, 1.5, [{ do: 'submit', hour: 5 }, { do: 'reject', hour: 22, reason: 'Bottle label is misspelled' }]),
          ai('Before/after split', 1_100, 2, [...oneRound(10, 28, 36, 48, 'Claims need the legal disclaimer'), { do: 'publish', hour: 70, channel: 'instagram', aiLabel: false }]),
        ],
      },
      {
        source: 'Maya Brooks', title: 'Maya reviews the serum', openDay: 1,
        assets: [
          shoot('Honest review video', 35_000, 10, [...approvedAt(48, 60), { do: 'publish', hour: 72, channel: 'youtube' }, { do: 'publish', hour: 80, channel: 'instagram' }]),
          shoot('Story set', 8_000, 3, [...oneRound(30, 40, 50, 58, 'Show the product name on screen'), { do: 'publish', hour: 66, channel: 'instagram' }], 'image'),
        ],
      },
      {
        source: 'Glow Serum product ads', title: 'Static product ads', openDay: 2,
        assets: [
          shoot('Packshot ad', 12_000, 4, [...approvedAt(12, 18), { do: 'paid', hour: 24, channel: 'facebook', spendMinor: 400_000 }], 'image'),
        ],
      },
    ],
  },
  {
    name: 'Summer awareness',
    goal: 'awareness',
    startsDaysAgo: 35,
    lengthDays: 28,
    budgetMinor: 1_500_000,
    costs: [
      { source: 'Jon Rivera', kind: 'creator_fee', basis: 'per_deliverable', amountMinor: 60_000, deliverables: 3, status: 'committed', dayOfCampaign: 3, note: '3 TikTok skits at $600' },
      { kind: 'agency_commission', amountMinor: 90_000, status: 'committed', dayOfCampaign: 0, split: 'explicit', shares: { 'Léa Nova': 40, 'Jon Rivera': 40, 'Nova in-house studio': 20 }, note: 'Agency commission, split as agreed' },
    ],
    targetAction: 'newsletter_sign_up',
    trackingKeywords: ['#novasummer'],
    briefs: [
      {
        source: 'Léa Nova', title: 'Léa at the beach', openDay: 0,
        assets: [
          ai('Beach day photo', 1_500, 2, [...approvedAt(4, 10), { do: 'publish', hour: 20, channel: 'instagram' }]),
          ai('Sunset video', 5_500, 6, [...oneRound(12, 30, 44, 70, 'Sky colours clash with the brand palette'), { do: 'publish', hour: 90, channel: 'tiktok' }, { do: 'publish', hour: 92, channel: 'youtube' }], 'video'),
          ai('Beach outtakes', 700, 1, [{ do: 'submit', hour: 8 }, { do: 'request_changes', hour: 30, reason: 'Too similar to the main photo' }]),
        ],
      },
      {
        source: 'Jon Rivera', title: 'Jon’s summer skit', openDay: 3,
        assets: [
          shoot('Summer skit', 20_000, 8, [...approvedAt(40, 64), { do: 'publish', hour: 80, channel: 'tiktok' }]),
        ],
      },
      {
        source: 'Nova in-house studio', title: 'Studio summer campaign shoot', openDay: 0,
        assets: [
          shoot('Hero video', 180_000, 40, [...oneRound(120, 150, 200, 220, 'Music licence missing'), { do: 'publish', hour: 240, channel: 'youtube' }, { do: 'paid', hour: 250, channel: 'youtube', spendMinor: 300_000 }]),
          shoot('Lookbook stills', 60_000, 16, [{ do: 'submit', hour: 100 }, { do: 'reject', hour: 130, reason: 'Off-season styling' }], 'image'),
        ],
      },
    ],
  },
  {
    name: 'Community challenge',
    goal: 'engagement',
    startsDaysAgo: 14,
    lengthDays: 21,
    budgetMinor: 800_000,
    costs: [
      { source: 'Maya Brooks', kind: 'creator_fee', amountMinor: 150_000, status: 'spent', dayOfCampaign: 2, note: 'Challenge post and two stories' },
    ],
    targetAction: 'challenge_entry',
    trackingKeywords: ['#glowwithlea'],
    briefs: [
      {
        source: 'Léa Nova', title: 'Léa launches #glowwithlea', openDay: 0,
        assets: [
          ai('Challenge announcement', 2_000, 2.5, [...approvedAt(3, 9), { do: 'publish', hour: 24, channel: 'instagram' }, { do: 'publish', hour: 26, channel: 'tiktok' }], 'video'),
          ai('Duet template', 1_200, 1.5, [...approvedAt(30, 50)]),
          ai('Week-2 recap', 1_600, 2, [{ do: 'submit', hour: 200 }]),
          ai('Behind the scenes', 800, 1, []),
        ],
      },
      {
        source: 'Maya Brooks', title: 'Maya joins the challenge', openDay: 2,
        assets: [
          shoot('Challenge entry', 6_000, 3, [{ do: 'submit', hour: 40 }, { do: 'request_changes', hour: 60, reason: 'Use the official sound' }]),
        ],
      },
    ],
  },
];
