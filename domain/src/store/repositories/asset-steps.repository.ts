import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertStepTime, DomainError, transition, type AssetAction, type Channel, type PlacementKind } from '../../core/index.ts';
import { Asset } from '../entities/asset.entity.ts';
import { AssetTransition } from '../entities/asset-transition.entity.ts';
import { Post, type IPost } from '../entities/post.entity.ts';
import type { IAsset } from '../entities/asset.entity.ts';

// An asset's steps through the pipeline, one rule for every path that moves one: the API (a person
// acting, `actorId`) and the workers (a connected account's post that names an approved asset,
// actor null). Each step runs under a row lock so two deciding at once cannot both win; `at` is
// when it happened, checked by the core against the brief and the steps recorded before.

export type AssetStep = { at: Date; field: string; now: Date };

/** The asset after the step, or null when the workspace has no such asset. */
export async function applyAssetAction(
  em: EntityManager,
  workspaceId: string,
  actorId: string | null,
  assetId: string,
  action: AssetAction,
  step: AssetStep,
  extra: { reason?: string | undefined; beforeCommit?: (tx: EntityManager, asset: IAsset) => Promise<void> } = {},
): Promise<IAsset | null> {
  return em.transactional(async (tx) => {
    const asset = await tx.findOne(Asset, { id: assetId, workspace: workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['campaign', 'brief'] });
    if (!asset) return null;
    const from = asset.state;
    const to = transition(from, action);
    const steps = await tx.find(AssetTransition, { asset: asset.id, workspace: workspaceId });
    assertStepTime(action, step.at, step.field, { briefOpenedAt: asset.brief.openedAt, steps }, step.now);
    asset.state = to;
    tx.create(AssetTransition, { workspace: workspaceId, asset, action, fromState: from, toState: to, reason: extra.reason ?? null, actor: actorId, at: step.at });
    await extra.beforeCommit?.(tx, asset);
    return asset;
  });
}

export type Placement = {
  channel: Channel;
  url: string;
  publishedAt?: string | undefined;
  aiLabelApplied: boolean;
  placement: PlacementKind;
  spendMinor: number;
  currency?: string | undefined;
  /** The platform's id of the post, when it is known (a connected account's post). */
  platformPostId?: string | undefined;
};

/** Publishes an approved asset as a post: not in the future, not before its approval, spend in the campaign's currency. */
export async function publishAssetAsPost(em: EntityManager, workspaceId: string, actorId: string | null, assetId: string, placement: Placement, now: Date): Promise<{ asset: IAsset; post: IPost } | null> {
  const publishedAt = placement.publishedAt === undefined ? now : new Date(placement.publishedAt);
  let post: IPost | undefined;
  const asset = await applyAssetAction(em, workspaceId, actorId, assetId, 'publish', { at: publishedAt, field: 'body.publishedAt', now }, {
    beforeCommit: async (tx, current) => {
      const currency = placement.currency ?? current.campaign.currency;
      if (currency !== current.campaign.currency) {
        throw new DomainError('currency_mismatch', `Spend must be in the campaign's currency (${current.campaign.currency}); got ${currency}.`, { errors: [
          { field: 'body.currency', message: `must be ${current.campaign.currency}` },
        ] });
      }
      post = tx.create(Post, {
        workspace: workspaceId,
        asset: current,
        campaign: current.campaign,
        source: current.source,
        channel: placement.channel,
        url: placement.url,
        platformPostId: placement.platformPostId ?? null,
        publishedAt,
        placement: placement.placement,
        spendMinor: placement.spendMinor,
        currency,
        aiLabelApplied: placement.aiLabelApplied,
      });
    },
  });
  return asset ? { asset, post: post! } : null;
}
