import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Asset, AssetTransition, Brief, Post, type IAsset, type IAssetTransition, type IPost } from '@persona-ops/domain/store';
import { assertStepTime, legalActions, transition, validateReviewReason, type AssetAction, type AssetKind, type Channel, type PlacementKind, DomainError } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { findOwned, period, assertFilterIdsOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

export function toAssetDto(asset: IAsset) {
  return {
    id: asset.id,
    briefId: asset.brief.id,
    campaignId: asset.campaign.id,
    sourceId: asset.source.id,
    title: asset.title,
    kind: asset.kind,
    tool: asset.tool,
    toolVersion: asset.toolVersion,
    promptRef: asset.promptRef,
    currency: asset.currency,
    generationCostMinor: asset.generationCostMinor,
    otherCostMinor: asset.otherCostMinor,
    productionHours: Number(asset.productionHours),
    state: asset.state,
    legalActions: [...legalActions(asset.state)],
    createdAt: asset.createdAt.toISOString(),
    updatedAt: asset.updatedAt.toISOString(),
  };
}

export function toTransitionDto(row: IAssetTransition) {
  return {
    id: row.id,
    action: row.action,
    fromState: row.fromState ?? null,
    toState: row.toState,
    reason: row.reason ?? null,
    actorId: row.actor?.id ?? null,
    at: row.at.toISOString(),
  };
}

export type Actor = { workspaceId: string; userId: string };

export type NewAsset = {
  briefId: string;
  title: string;
  kind: AssetKind;
  tool: string;
  toolVersion: string;
  promptRef: string;
  currency: string;
  generationCostMinor: number;
  otherCostMinor: number;
  productionHours: number;
  /** When the draft was made, for history entered later; defaults to now. */
  draftedAt?: string | undefined;
};

// A step's time as given (ISO-8601, checked by the route's schema), or now.
const timeOf = (given: string | undefined, now: Date) => (given === undefined ? now : new Date(given));

export async function createAsset(em: EntityManager, actor: Actor, input: NewAsset, now: Date) {
  const brief = await findOwned(em, Brief, 'brief', input.briefId, actor.workspaceId, ['campaign']);
  const at = timeOf(input.draftedAt, now);
  assertStepTime('create', at, 'body.draftedAt', { briefOpenedAt: brief.openedAt, steps: [] }, now);
  if (input.currency !== brief.campaign.currency) {
    throw new DomainError('currency_mismatch', `Costs must be in the campaign's currency (${brief.campaign.currency}); got ${input.currency}. KPIs never mix currencies.`, { errors: [
      { field: 'body.currency', message: `must be ${brief.campaign.currency}` },
    ] });
  }
  const { briefId: _briefId, draftedAt: _draftedAt, ...fields } = input;
  const asset = em.create(Asset, { ...fields, workspace: actor.workspaceId, brief, campaign: brief.campaign, source: brief.source, state: 'draft' });
  em.create(AssetTransition, { workspace: actor.workspaceId, asset, action: 'create', fromState: null, toState: 'draft', actor: actor.userId, at });
  await em.flush();
  return asset;
}

// Transitions run under a row lock so two reviewers deciding at once cannot both win. `at` is when
// the step happened (now, or a time given for history entered later, named by `field`); the core
// checks it against the brief and the asset's recorded steps.
async function applyAction(
  em: EntityManager,
  actor: Actor,
  assetId: string,
  action: AssetAction,
  step: { at: Date; field: string; now: Date },
  extra: { reason?: string | undefined; beforeCommit?: (tx: EntityManager, asset: IAsset) => Promise<void> } = {},
) {
  return em.transactional(async (tx) => {
    const asset = await tx.findOne(Asset, { id: assetId, workspace: actor.workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['campaign', 'brief'] });
    if (!asset) throw new ApiError(404, 'not_found', `No asset with id ${assetId} exists in this workspace. Check the id, or list assets to find it.`);
    const from = asset.state;
    const to = transition(from, action);
    const steps = await tx.find(AssetTransition, { asset: asset.id, workspace: actor.workspaceId });
    assertStepTime(action, step.at, step.field, { briefOpenedAt: asset.brief.openedAt, steps }, step.now);
    asset.state = to;
    tx.create(AssetTransition, { workspace: actor.workspaceId, asset, action, fromState: from, toState: to, reason: extra.reason ?? null, actor: actor.userId, at: step.at });
    await extra.beforeCommit?.(tx, asset);
    return asset;
  });
}

/** Submits an asset for review; `submittedAt` dates a submission entered later (default now). */
export const submitAsset = (em: EntityManager, actor: Actor, id: string, submittedAt: string | undefined, now: Date) =>
  applyAction(em, actor, id, 'submit', { at: timeOf(submittedAt, now), field: 'body.submittedAt', now });

export type ReviewInput = {
  decision: 'approve' | 'request_changes' | 'reject';
  reason?: string | undefined;
  /** When the decision was taken, for history entered later; defaults to now. */
  decidedAt?: string | undefined;
};

export function reviewAsset(em: EntityManager, actor: Actor, id: string, review: ReviewInput, now: Date) {
  const reason = validateReviewReason(review.decision, review.reason) ?? undefined;
  return applyAction(em, actor, id, review.decision, { at: timeOf(review.decidedAt, now), field: 'body.decidedAt', now }, { reason });
}

export type Placement = {
  channel: Channel;
  url: string;
  publishedAt?: string | undefined;
  aiLabelApplied: boolean;
  placement: PlacementKind;
  spendMinor: number;
  currency?: string | undefined;
};

export async function publishAsset(em: EntityManager, actor: Actor, id: string, placement: Placement, now: Date) {
  // Not in the future and not before the asset's approval (checked by the core with the history).
  const publishedAt = timeOf(placement.publishedAt, now);
  let post: IPost | undefined;
  const asset = await applyAction(em, actor, id, 'publish', { at: publishedAt, field: 'body.publishedAt', now }, {
    beforeCommit: async (tx, current) => {
      const currency = placement.currency ?? current.campaign.currency;
      if (currency !== current.campaign.currency) {
        throw new DomainError('currency_mismatch', `Spend must be in the campaign's currency (${current.campaign.currency}); got ${currency}.`, { errors: [
          { field: 'body.currency', message: `must be ${current.campaign.currency}` },
        ] });
      }
      post = tx.create(Post, {
        workspace: actor.workspaceId,
        asset: current,
        campaign: current.campaign,
        source: current.source,
        channel: placement.channel,
        url: placement.url,
        publishedAt,
        placement: placement.placement,
        spendMinor: placement.spendMinor,
        currency,
        aiLabelApplied: placement.aiLabelApplied,
      });
    },
  });
  return { asset, post: post! };
}

export async function getAssetWithHistory(em: EntityManager, workspaceId: string, id: string) {
  const asset = await findOwned(em, Asset, 'asset', id, workspaceId);
  const transitions = await em.find(AssetTransition, { asset: asset.id, workspace: workspaceId }, { orderBy: { at: 'asc', createdAt: 'asc' } });
  return { ...toAssetDto(asset), transitions: transitions.map(toTransitionDto) };
}

export type AssetFilter = {
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  briefId?: string | undefined;
  state?: IAsset['state'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export async function listAssets(em: EntityManager, workspaceId: string, filter: AssetFilter, page: PageRequest) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId, briefId: filter.briefId });
  return paginate(em, Asset, {
    workspace: workspaceId,
    ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
    ...(filter.sourceId ? { source: filter.sourceId } : {}),
    ...(filter.briefId ? { brief: filter.briefId } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...period('createdAt', filter.from, filter.to),
  }, page);
}
