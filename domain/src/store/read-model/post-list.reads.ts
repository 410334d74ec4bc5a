import type { EntityManager } from '@mikro-orm/postgresql';
import type { IPost } from '../entities/index.ts';
import { readKeysetPage, type Keyset, type KeysetPage, type SortKey } from './keyset.ts';
import { readDb } from './read-db.ts';
import { parseTimestamp } from './list-values.ts';

// GET /v1/posts' page, read as rows rather than hydrated entities.

/** A post as its DTO reads it: what the entity and this list's row both are. */
export type PostView = Pick<IPost, 'id' | 'channel' | 'url' | 'publishedAt' | 'placement' | 'spendMinor' | 'currency' | 'aiLabelApplied' | 'createdAt'> & {
  asset: { id: string };
  campaign: { id: string };
  source: { id: string };
};

/** The filters, their ids already checked as the workspace's. */
export type PostListFilter = {
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  assetId?: string | undefined;
  channel?: string | undefined;
  placement?: IPost['placement'] | undefined;
  aiLabelApplied?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export const postListSorts = {
  publishedAt: { column: 'p.published_at', type: 'timestamptz' },
  createdAt: { column: 'p.created_at', type: 'timestamptz' },
} as const satisfies Record<string, SortKey>;

export async function postListPage(em: EntityManager, workspaceId: string, filter: PostListFilter, page: KeysetPage & { sort: keyof typeof postListSorts }): Promise<Keyset<PostView>> {
  const query = readDb(em)
    .selectFrom('post as p')
    .where('p.workspace_id', '=', workspaceId)
    .$if(Boolean(filter.campaignId), (q) => q.where('p.campaign_id', '=', filter.campaignId!))
    .$if(Boolean(filter.sourceId), (q) => q.where('p.source_id', '=', filter.sourceId!))
    .$if(Boolean(filter.assetId), (q) => q.where('p.asset_id', '=', filter.assetId!))
    .$if(Boolean(filter.channel), (q) => q.where('p.channel', '=', filter.channel!))
    .$if(Boolean(filter.placement), (q) => q.where('p.placement', '=', filter.placement!))
    .$if(filter.aiLabelApplied !== undefined, (q) => q.where('p.ai_label_applied', '=', filter.aiLabelApplied!))
    .$if(Boolean(filter.from), (q) => q.where('p.published_at', '>=', filter.from!))
    .$if(Boolean(filter.to), (q) => q.where('p.published_at', '<', filter.to!))
    .select(['p.id', 'p.asset_id', 'p.campaign_id', 'p.source_id', 'p.channel', 'p.url', 'p.published_at', 'p.placement', 'p.spend_minor', 'p.currency', 'p.ai_label_applied', 'p.created_at']);
  const { rows, nextCursor } = await readKeysetPage(query, page, postListSorts[page.sort], 'p.id');
  const platform = em.getPlatform();
  return {
    nextCursor,
    rows: rows.map((row) => ({
      id: row.id,
      asset: { id: row.asset_id },
      campaign: { id: row.campaign_id },
      source: { id: row.source_id },
      channel: row.channel,
      url: row.url,
      publishedAt: parseTimestamp(platform, row.published_at),
      placement: row.placement,
      spendMinor: Number(row.spend_minor),
      currency: row.currency,
      aiLabelApplied: row.ai_label_applied,
      createdAt: parseTimestamp(platform, row.created_at),
    })),
  };
}
