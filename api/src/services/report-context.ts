import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, Workspace, brandSafetyCounts, costLinesOf, costPartiesOf, paidSpendOf, type BrandSafetyScope, type ICampaign, type IWorkspace } from '@persona-ops/domain/store';
import { assertFilterIdsOwned, findOwned } from './owned.ts';

/**
 * What the layer reports answering one request share: the workspace, the query's campaign (checked
 * as the workspace's) and the reads they make alike, made once. The campaign page assembles four
 * layers and the budget pacing; each used to look up the same campaign and workspace and read the
 * same comment counts and cost records itself (7 campaign and 3 workspace lookups per page).
 */
export type ReportContext = {
  campaign: ICampaign | null;
  /** Loaded when first asked for (the brand-safety layer never needs it). */
  workspace(): Promise<IWorkspace>;
  /** The read under this key, made once for everyone who asks (its arguments are part of the key). */
  once<T>(key: readonly unknown[], read: () => Promise<T>): Promise<T>;
};

function sharedReads(): ReportContext['once'] {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(key: readonly unknown[], read: () => Promise<T>): Promise<T> => {
    const id = JSON.stringify(key);
    let promise = reads.get(id) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      reads.set(id, promise);
    }
    return promise;
  };
}

/**
 * A layer report's context when it answers alone: a filter naming another workspace's campaign or
 * source is a 404 (assertFilterIdsOwned); the campaign loaded, the workspace when first asked for.
 */
export async function reportContext(em: EntityManager, workspaceId: string, filters: { campaignId?: string | undefined; sourceId?: string | undefined }): Promise<ReportContext> {
  const campaign = filters.campaignId ? await findOwned(em, Campaign, 'campaign', filters.campaignId, workspaceId) : null;
  return campaignPageContext(em, workspaceId, campaign, filters);
}

/** The context of several layer reports of this campaign (found by the caller), or of none. */
export async function campaignPageContext(em: EntityManager, workspaceId: string, campaign: ICampaign | null, filters: { sourceId?: string | undefined }): Promise<ReportContext> {
  await assertFilterIdsOwned(em, workspaceId, { sourceId: filters.sourceId });
  const once = sharedReads();
  return { campaign, once, workspace: () => once(['workspace', workspaceId], () => em.findOneOrFail(Workspace, { id: workspaceId })) };
}

/** The comments' counts by category and day (brand-safety.repository), read once per context. */
export function sharedBrandSafetyCounts(context: ReportContext, em: EntityManager, workspaceId: string, scope: BrandSafetyScope) {
  const key = [scope.postId, scope.campaignId, scope.sourceId, scope.sourceKind, scope.from?.toISOString(), scope.to?.toISOString()];
  return context.once(['brandSafetyCounts', workspaceId, ...key], () => brandSafetyCounts(em, workspaceId, scope));
}

/** These campaigns' cost records (lines, the parties they are shared by, paid spend), read once per context. */
export function sharedCostRecords(context: ReportContext, em: EntityManager, workspaceId: string, campaignIds: readonly string[]) {
  return context.once(['costRecords', workspaceId, campaignIds], async () => {
    const [lines, parties, paidSpend] = await Promise.all([costLinesOf(em, workspaceId, campaignIds), costPartiesOf(em, workspaceId, campaignIds), paidSpendOf(em, workspaceId, campaignIds)]);
    return { lines, parties, paidSpend };
  });
}
