import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ScopedCampaign } from '../../core/reports/commercial-report.ts';
import { answer, all, groupKey, joinsGroups, ownedBy, readWithGroups, type Answer, type Grouping, type Read } from './scope.ts';

// The campaigns of a scope: the commercial report's campaigns, whose costs and conversions it reads.

// A campaign's run (starts_on to ends_on, UTC days) overlaps the read's period, or each group's window.
function runOverlaps({ scope, grouping }: Pick<Read, 'scope' | 'grouping'>): RawBuilder<SqlBool> {
  const starts = sql`(c.starts_on::timestamp at time zone 'UTC')`;
  const ends = sql`((c.ends_on + 1)::timestamp at time zone 'UTC')`;
  if (grouping.by === 'window') return sql<SqlBool>`${starts} < g.end_at and ${ends} > g.start_at`;
  return all([...(scope.to ? [sql<SqlBool>`${starts} < ${scope.to}`] : []), ...(scope.from ? [sql<SqlBool>`${ends} > ${scope.from}`] : [])]);
}

/**
 * Campaigns in scope: the selected one, or every campaign whose run overlaps the period (each
 * group's window). With a source filter, and per kind or source, only the campaigns some matching
 * source works on (a brief, tracking link or offer code names it). Ordered by start, then id.
 */
export async function campaignsInScope<G extends Grouping>(em: EntityManager, read: Omit<Read, 'basis'> & { grouping: G }): Promise<Answer<G, ScopedCampaign[]>> {
  const { scope } = read;
  const involvement = read.grouping.by !== 'none' || Boolean(scope.sourceId || scope.sourceKind);
  const rows = await readWithGroups(em, read)
    // The sources each campaign involves, per group: matched once for every campaign.
    .with('involved', (q) =>
      q.selectFrom((sub) => sub.selectFrom('brief').select(['campaign_id', 'source_id']).where('workspace_id', '=', scope.workspaceId)
        .union(sub.selectFrom('tracking_link').select(['campaign_id', 'source_id']).where('workspace_id', '=', scope.workspaceId))
        .union(sub.selectFrom('offer_code').select(['campaign_id', 'source_id']).where('workspace_id', '=', scope.workspaceId))
        .as('i'))
        .innerJoin('source as s', 's.id', 'i.source_id')
        .$if(joinsGroups(read), (qb) => qb.innerJoin('g', (join) => join.onTrue()))
        // Sources only: the campaign conditions are the campaign's own, below.
        .where(all(ownedBy({ ...read, scope: { ...scope, campaignId: undefined, campaignIds: undefined } }, sql.ref('i.source_id'), sql.ref('i.campaign_id'))))
        .select([groupKey(read).as('key'), 'i.campaign_id'])
        .distinct())
    .selectFrom('campaign as c')
    .$if(involvement, (qb) => qb.innerJoin('involved as m', 'm.campaign_id', 'c.id'))
    .$if(read.grouping.by === 'window', (qb) => qb.innerJoin('g', (join) => join.on(sql<boolean>`g.key = m.key`)))
    .where('c.workspace_id', '=', scope.workspaceId)
    .$if(Boolean(scope.campaignId), (qb) => qb.where('c.id', '=', scope.campaignId!))
    .where(runOverlaps(read))
    .select([
      (involvement ? sql<string>`m.key` : sql<string>`''::text`).as('key'),
      'c.id', 'c.name', 'c.goal', 'c.currency',
      sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('startsOn'),
      sql<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('endsOn'),
      'c.attribution_window_days as attributionWindowDays',
    ])
    .orderBy(sql`1`).orderBy('c.starts_on').orderBy('c.id')
    .execute();
  const byGroup = Map.groupBy(rows, (row) => row.key);
  return answer(read.grouping, new Map([...byGroup].map(([key, list]) => [key, list.map(({ key: _, ...campaign }) => campaign)])), () => []);
}
