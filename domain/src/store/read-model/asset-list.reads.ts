import type { EntityManager } from '@mikro-orm/postgresql';
import type { IAsset } from '../entities/index.ts';
import { firstApprovedIn } from './approvals.reads.ts';
import { readKeysetPage, type Keyset, type KeysetPage, type SortKey } from './keyset.ts';
import { readDb } from './read-db.ts';
import { parseTimestamp } from './list-values.ts';

// GET /v1/assets' page, read as rows rather than hydrated entities.

/** An asset as its DTO reads it: what the entity and this list's row both are. */
export type AssetView = Pick<IAsset, 'id' | 'title' | 'kind' | 'tool' | 'toolVersion' | 'promptRef' | 'currency' | 'generationCostMinor' | 'otherCostMinor' | 'productionHours' | 'state' | 'createdAt' | 'updatedAt'> & {
  brief: { id: string };
  campaign: { id: string };
  source: { id: string };
};

/** The filters, their ids already checked as the workspace's; `approvedIn`: first approved in [from, to). */
export type AssetListFilter = {
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  briefId?: string | undefined;
  state?: IAsset['state'] | undefined;
  approvedIn?: { from: Date; to: Date } | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export const assetListSorts = {
  createdAt: { column: 'a.created_at', type: 'timestamptz' },
  updatedAt: { column: 'a.updated_at', type: 'timestamptz' },
  title: { column: 'a.title', type: 'text' },
} as const satisfies Record<string, SortKey>;

export async function assetListPage(em: EntityManager, workspaceId: string, filter: AssetListFilter, page: KeysetPage & { sort: keyof typeof assetListSorts }): Promise<Keyset<AssetView>> {
  const { approvedIn } = filter;
  const query = readDb(em)
    .selectFrom('asset as a')
    .where('a.workspace_id', '=', workspaceId)
    .$if(Boolean(filter.campaignId), (q) => q.where('a.campaign_id', '=', filter.campaignId!))
    .$if(Boolean(filter.sourceId), (q) => q.where('a.source_id', '=', filter.sourceId!))
    .$if(Boolean(filter.briefId), (q) => q.where('a.brief_id', '=', filter.briefId!))
    .$if(Boolean(filter.state), (q) => q.where('a.state', '=', filter.state!))
    .$if(Boolean(approvedIn), (q) => q.where('a.id', 'in', firstApprovedIn(em, workspaceId, approvedIn!.from, approvedIn!.to)))
    .$if(Boolean(filter.from), (q) => q.where('a.created_at', '>=', filter.from!))
    .$if(Boolean(filter.to), (q) => q.where('a.created_at', '<', filter.to!))
    .select([
      'a.id', 'a.brief_id', 'a.campaign_id', 'a.source_id', 'a.title', 'a.kind', 'a.tool', 'a.tool_version', 'a.prompt_ref', 'a.currency',
      'a.generation_cost_minor', 'a.other_cost_minor', 'a.production_hours', 'a.state', 'a.created_at', 'a.updated_at',
    ]);
  const { rows, nextCursor } = await readKeysetPage(query, page, assetListSorts[page.sort], 'a.id');
  const platform = em.getPlatform();
  return {
    nextCursor,
    rows: rows.map((row) => ({
      id: row.id,
      brief: { id: row.brief_id },
      campaign: { id: row.campaign_id },
      source: { id: row.source_id },
      title: row.title,
      kind: row.kind,
      tool: row.tool,
      toolVersion: row.tool_version,
      promptRef: row.prompt_ref,
      currency: row.currency,
      generationCostMinor: Number(row.generation_cost_minor),
      otherCostMinor: Number(row.other_cost_minor),
      productionHours: Number(row.production_hours),
      state: row.state,
      createdAt: parseTimestamp(platform, row.created_at),
      updatedAt: parseTimestamp(platform, row.updated_at),
    })),
  };
}
