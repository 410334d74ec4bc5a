import type { EntityManager } from '@mikro-orm/postgresql';
import { Post, acceptComments } from '@persona-ops/domain/store';
import type { Channel, SourceKind, CampaignGoal } from '@persona-ops/domain/core';
import { createAsset, publishAsset, reviewAsset, submitAsset, type Actor } from '../services/assets.service.ts';
import { createBrief } from '../services/briefs.service.ts';
import { upsertCostLines } from '../services/cost-lines.service.ts';
import { createCampaign } from '../services/campaigns.service.ts';
import { createSource } from '../services/sources.service.ts';
import { createWorkspaceWithAdmin } from '../services/workspaces.service.ts';
import { demoCampaigns, demoSources, type AssetStory } from './demo-brand.data.ts';
import { demoComments } from './demo-comments.data.ts';
import { seedDemoAudienceCommerce } from './demo-audience-commerce.seed.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// A demo brand built through the same services the API uses, so its history is one the product
// could have recorded: every asset in every state, with review rounds, reuse and paid placements.
export async function seedDemoBrand(em: EntityManager, now: Date) {
  const { workspace, admin, key } = await createWorkspaceWithAdmin(em, {
    name: 'Nova Cosmetics (demo)',
    currency: 'USD',
    hourlyRateMinor: 6_000,
    adminEmail: 'admin@nova-demo.test',
    adminName: 'Demo Admin',
  });
  const actor: Actor = { workspaceId: workspace.id, userId: admin.id };
  const sources = new Map<string, string>();
  for (const source of demoSources(now)) {
    const created = await createSource(em, workspace.id, source);
    sources.set(source.name, created.id);
  }
  const today = now.getTime();
  for (const campaign of demoCampaigns) {
    const created = await createCampaign(em, workspace.id, {
      name: campaign.name,
      goal: campaign.goal,
      startsOn: isoDate(today - campaign.startsDaysAgo * DAY),
      endsOn: isoDate(today - campaign.startsDaysAgo * DAY + campaign.lengthDays * DAY),
      attributionWindowDays: 28,
      budgetMinor: campaign.budgetMinor,
      currency: 'USD',
      trackingKeywords: campaign.trackingKeywords,
      targetAction: campaign.targetAction,
    });
    for (const brief of campaign.briefs) {
      const openedAt = new Date(today - (campaign.startsDaysAgo - brief.openDay) * DAY);
      const createdBrief = await createBrief(em, workspace.id, { campaignId: created.id, sourceId: sources.get(brief.source)!, title: brief.title, description: '', openedAt: openedAt.toISOString() }, now);
      for (const story of brief.assets) await playStory(em, actor, createdBrief.id, openedAt, story, now);
    }
    const startsAt = today - campaign.startsDaysAgo * DAY;
    await upsertCostLines(em, workspace.id, campaign.costs.map((cost) => ({
      campaignId: created.id,
      sourceId: cost.source ? sources.get(cost.source) : undefined,
      kind: cost.kind,
      basis: cost.basis ?? 'flat',
      amountMinor: cost.amountMinor,
      deliverables: cost.deliverables,
      currency: 'USD',
      incurredOn: isoDate(startsAt + cost.dayOfCampaign * DAY),
      status: cost.status,
      split: cost.split,
      shares: cost.shares && Object.fromEntries(Object.entries(cost.shares).map(([name, share]) => [sources.get(name)!, share])),
      note: cost.note,
    })));
  }
  await seedDemoComments(em, workspace.id, now);
  await seedDemoAudienceCommerce(em, workspace.id, now);
  return { workspace, key };
}

// Comments on every post; the job workers classify them once the product runs.
async function seedDemoComments(em: EntityManager, workspaceId: string, now: Date) {
  const posts = await em.find(Post, { workspace: workspaceId }, { orderBy: { publishedAt: 'asc' }, populate: ['source'] });
  // One of the character's posts, mid-way through its history, had a rough day: a visible spike
  // with calm days before and after it.
  const characterPosts = posts.filter((post) => post.source.kind === 'ai_character');
  const roughPost = characterPosts[Math.floor(characterPosts.length / 2)];
  const comments = posts.flatMap((post, index) => {
    const badDay = post === roughPost;
    // The rough day's burst starts at 09:00 UTC the day after the post, whatever the time of the
    // seeding, so it never straddles midnight and splits into two days too small to be a spike.
    const from = badDay ? Math.floor(post.publishedAt.getTime() / DAY) * DAY + DAY + 8 * HOUR : post.publishedAt.getTime();
    return demoComments(index, badDay ? 60 : 40, badDay)
      .map((comment, n) => ({ postId: post.id, platformCommentId: `demo-${index}-${n}`, authorHandle: `@fan${(n * 31 + index) % 97}`, text: comment.text, postedAt: new Date(Math.min(now.getTime(), from + comment.hoursAfterPost * HOUR)).toISOString() }));
  });
  await acceptComments(em, workspaceId, comments, now);
}

// Each step carries its time as history entered later would, through the same checks as the API:
// in order, after the brief opened, nothing published before its approval, nothing in the future.
async function playStory(em: EntityManager, actor: Actor, briefId: string, openedAt: Date, story: AssetStory, now: Date) {
  const at = (hours: number) => new Date(openedAt.getTime() + hours * HOUR).toISOString();
  const asset = await createAsset(em, actor, {
    briefId,
    title: story.title,
    kind: story.kind,
    tool: story.tool,
    toolVersion: story.toolVersion ?? '',
    promptRef: story.promptRef ?? '',
    currency: 'USD',
    generationCostMinor: story.generationCostMinor,
    otherCostMinor: story.otherCostMinor ?? 0,
    productionHours: story.productionHours,
    draftedAt: at(story.createdAtHour ?? 1),
  }, now);
  for (const step of story.steps) {
    const when = at(step.hour);
    if (step.do === 'submit') await submitAsset(em, actor, asset.id, when, now);
    else if (step.do === 'approve' || step.do === 'request_changes' || step.do === 'reject') await reviewAsset(em, actor, asset.id, { decision: step.do, reason: step.reason, decidedAt: when }, now);
    else if (step.do === 'publish' || step.do === 'paid') {
      await publishAsset(em, actor, asset.id, {
        channel: step.channel as Channel,
        url: `https://${step.channel}.example/${asset.id.slice(0, 8)}-${step.channel}`,
        publishedAt: when,
        aiLabelApplied: step.aiLabel ?? true,
        placement: step.do === 'paid' ? 'paid' : 'organic',
        spendMinor: step.spendMinor ?? 0,
      }, now);
    }
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export type { SourceKind, CampaignGoal };
