import type { EntityManager } from '@mikro-orm/postgresql';
import type { CampaignGoal } from '../../core/vocabulary.ts';
import type { ICampaign } from '../entities/index.ts';
import { readKeysetPage, type Keyset, type KeysetPage, type SortKey } from './keyset.ts';
import { readDb } from './read-db.ts';
import { parseTimestamp } from './list-values.ts';

// GET /v1/campaigns' page, read as rows rather than hydrated entities (a third of the request's time).

/** A campaign as its DTO reads it: what the entity and this list's row both are. */
export type CampaignView = Pick<ICampaign, 'id' | 'name' | 'goal' | 'startsOn' | 'endsOn' | 'attributionWindowDays' | 'budgetMinor' | 'currency' | 'trackingKeywords' | 'targetAction' | 'createdAt' | 'updatedAt'>;

export type CampaignListFilter = { goal?: CampaignGoal | undefined; activeOn?: string | undefined };

export const campaignListSorts = {
  createdAt: { column: 'c.created_at', type: 'timestamptz' },
  name: { column: 'c.name', type: 'text' },
  startsOn: { column: 'c.starts_on', type: 'date' },
} as const satisfies Record<string, SortKey>;

export async function campaignListPage(em: EntityManager, workspaceId: string, filter: CampaignListFilter, page: KeysetPage & { sort: keyof typeof campaignListSorts }): Promise<Keyset<CampaignView>> {
  const query = readDb(em)
    .selectFrom('campaign as c')
    .where('c.workspace_id', '=', workspaceId)
    .$if(Boolean(filter.goal), (q) => q.where('c.goal', '=', filter.goal!))
    .$if(Boolean(filter.activeOn), (q) => q.where('c.starts_on', '<=', filter.activeOn!).where('c.ends_on', '>=', filter.activeOn!))
    .select(['c.id', 'c.name', 'c.goal', 'c.starts_on', 'c.ends_on', 'c.attribution_window_days', 'c.budget_minor', 'c.currency', 'c.tracking_keywords', 'c.target_action', 'c.created_at', 'c.updated_at']);
  const { rows, nextCursor } = await readKeysetPage(query, page, campaignListSorts[page.sort], 'c.id');
  const platform = em.getPlatform();
  return {
    nextCursor,
    rows: rows.map((row) => ({
      id: row.id,
      name: row.name,
      goal: row.goal,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      attributionWindowDays: row.attribution_window_days,
      budgetMinor: Number(row.budget_minor),
      currency: row.currency,
      trackingKeywords: row.tracking_keywords,
      targetAction: row.target_action,
      createdAt: parseTimestamp(platform, row.created_at),
      updatedAt: parseTimestamp(platform, row.updated_at),
    })),
  };
}
