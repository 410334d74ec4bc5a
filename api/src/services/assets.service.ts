import type { EntityManager } from '@mikro-orm/postgresql';
import { Asset, AssetTransition, Brief, applyAssetAction, assetListPage, assetsFirstApprovedIn, publishAssetAsPost, type AssetListFilter, type AssetView, type assetListSorts, type AssetStep, type IAsset, type IAssetTransition, type Placement } from '@persona-ops/domain/store';
import { LockMode } from '@mikro-orm/core';
import { assertAssetEditable, assertStepTime, isoWeekMonday, legalActions, validateReviewReason, type AssetAction, type AssetKind, DomainError } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { findOwned, assertFilterIdsOwned } from './owned.ts';
import { checkCursor, period, periodDates, type PageRequest, type WithTextPeriod } from './pagination.ts';

/** The entity or a list's row. */
export function toAssetDto(asset: AssetView) {
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
    actorName: row.actor?.name ?? null,
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

export type AssetFields = Pick<NewAsset, 'title' | 'kind' | 'tool' | 'toolVersion' | 'promptRef' | 'generationCostMinor' | 'otherCostMinor' | 'productionHours'>;

/**
 * Applies a merge patch to what the studio logged, under a row lock: a submission cannot slip in
 * between the check and the write. `patch` gives the changed members from the asset as stored (the
 * route merges its body and checks the result whole).
 */
export async function updateAsset(em: EntityManager, actor: Actor, id: string, patch: (stored: IAsset) => Partial<AssetFields>) {
  return em.transactional(async (tx) => {
    const asset = await tx.findOne(Asset, { id, workspace: actor.workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!asset) throw new ApiError(404, 'not_found', `No asset with id ${id} exists in this workspace. Check the id, or list assets to find it.`);
    assertAssetEditable(asset.state);
    tx.assign(asset, patch(asset));
    return asset;
  });
}

// The steps and their rule are the store's (applyAssetAction), shared with the workers; here a
// missing asset becomes the API's 404.
async function applyAction(em: EntityManager, actor: Actor, assetId: string, action: AssetAction, step: AssetStep, extra: { reason?: string | undefined } = {}) {
  const asset = await applyAssetAction(em, actor.workspaceId, actor.userId, assetId, action, step, extra);
  if (!asset) throw assetNotFound(assetId);
  return asset;
}

const assetNotFound = (id: string) => new ApiError(404, 'not_found', `No asset with id ${id} exists in this workspace. Check the id, or list assets to find it.`);

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

export type { Placement };

export async function publishAsset(em: EntityManager, actor: Actor, id: string, placement: Placement, now: Date) {
  // Not in the future and not before the asset's approval (checked by the core with the history).
  const published = await publishAssetAsPost(em, actor.workspaceId, actor.userId, id, placement, now);
  if (!published) throw assetNotFound(id);
  return published;
}

export async function getAssetWithHistory(em: EntityManager, workspaceId: string, id: string) {
  const asset = await findOwned(em, Asset, 'asset', id, workspaceId);
  // With each actor's name, so the history says who acted to anyone who reads it (not only admins, who list users).
  const transitions = await em.find(AssetTransition, { asset: asset.id, workspace: workspaceId }, { orderBy: { at: 'asc', createdAt: 'asc' }, populate: ['actor'] });
  return { ...toAssetDto(asset), transitions: transitions.map(toTransitionDto) };
}

/** The read model's filters, with the period as text and the first approval as an ISO week (validated at the edge). */
export type AssetFilter = WithTextPeriod<Omit<AssetListFilter, 'approvedIn'>> & { approvedWeek?: string | undefined };

/** The workspace's assets matching the filters (their campaign, source and brief checked as the workspace's first). */
async function assetsWhere(em: EntityManager, workspaceId: string, filter: AssetFilter) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId, briefId: filter.briefId });
  return {
    workspace: workspaceId,
    ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
    ...(filter.sourceId ? { source: filter.sourceId } : {}),
    ...(filter.briefId ? { brief: filter.briefId } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.approvedWeek ? { id: { $in: await assetsFirstApprovedIn(em, workspaceId, ...weekSpan(filter.approvedWeek)) } } : {}),
    ...period('createdAt', filter.from, filter.to),
  };
}

const WEEK_MS = 7 * 86_400_000;

/** An ISO week as the instants [its Monday, the next Monday), UTC. */
function weekSpan(week: string): [from: Date, to: Date] {
  const monday = isoWeekMonday(week);
  return [monday, new Date(monday.getTime() + WEEK_MS)];
}

// Read as rows, not hydrated entities; the same filters as assetsWhere.
export async function listAssets(em: EntityManager, workspaceId: string, filter: AssetFilter, page: PageRequest & { sort: keyof typeof assetListSorts }) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId, briefId: filter.briefId });
  checkCursor(em, Asset, page);
  const { approvedWeek, from, to, ...rest } = filter;
  const span = approvedWeek ? weekSpan(approvedWeek) : undefined;
  const approvedIn = span ? { from: span[0], to: span[1] } : undefined;
  const { rows, nextCursor } = await assetListPage(em, workspaceId, { ...rest, approvedIn, ...periodDates(from, to) }, page);
  return { items: rows, nextCursor };
}

/**
 * Every asset matching the filters, newest first, with its campaign's and source's names: the
 * Assets page as a file. More than `max` is refused (a 422 naming what to narrow) rather than cut short.
 */
export async function exportAssets(em: EntityManager, workspaceId: string, filter: AssetFilter, max: number) {
  const assets = await em.find(
    Asset,
    await assetsWhere(em, workspaceId, filter),
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: max + 1, populate: ['campaign', 'source'] },
  );
  if (assets.length > max) {
    throw new ApiError(422, 'export_too_large', `More than ${max} assets match. Narrow the export by state, campaign, source or period (from, to).`);
  }
  return assets.map((asset) => {
    const { legalActions: _, ...dto } = toAssetDto(asset);
    return { ...dto, campaignName: asset.campaign.name, sourceName: asset.source.name };
  });
}
