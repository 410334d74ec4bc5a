import type { EntityManager } from '@mikro-orm/postgresql';
import type { SourceKind } from '../../core/vocabulary.ts';
import type { BreakdownShares } from '../../core/reports/campaign-report.ts';
import { query } from './sql.ts';

// What the source comparison and the campaign report read besides the layer reports: the sources
// with their launch (or first post), the samples and raw counters behind each source's aligned
// window, and audience breakdowns. PostgreSQL counts and sums; no ratio is computed here.

export type ComparisonSource = {
  id: string;
  name: string;
  kind: SourceKind;
  /** The source's recorded launch (or first-post) date. */
  launchedOn: string | null;
  /** Its first post's publication time, the origin when no launch date is recorded. */
  firstPostAt: Date | null;
};

/**
 * The workspace's sources (of one kind when asked; with posts in the campaign when one is given),
 * each with its launch date and its first post ever. One statement.
 */
export async function comparisonSources(
  em: EntityManager,
  workspaceId: string,
  filter: { campaignId?: string | undefined; sourceKind?: string | undefined },
): Promise<ComparisonSource[]> {
  // The first parameter is the select list's (the first post), then the where clause's.
  const where = ['s.workspace_id = ?'];
  const params: unknown[] = [workspaceId, workspaceId];
  if (filter.sourceKind) {
    where.push('s.kind = ?');
    params.push(filter.sourceKind);
  }
  if (filter.campaignId) {
    where.push('exists (select 1 from post p where p.workspace_id = s.workspace_id and p.campaign_id = ? and p.source_id = s.id)');
    params.push(filter.campaignId);
  }
  const rows = await query<{ id: string; name: string; kind: SourceKind; launched_on: string | null; first_post_at: Date | string | null }>(
    em,
    `select s.id, s.name, s.kind, to_char(s.launched_on, 'YYYY-MM-DD') as launched_on,
            (select min(p.published_at) from post p where p.workspace_id = ? and p.source_id = s.id) as first_post_at
     from source s where ${where.join(' and ')}
     order by s.name, s.id`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    launchedOn: row.launched_on,
    firstPostAt: row.first_post_at === null ? null : new Date(row.first_post_at),
  }));
}

export type { BreakdownShares };
export type BreakdownDimension = BreakdownShares['dimension'];

/**
 * Audience breakdowns (country, language) of a campaign's posts in scope, each post at its latest
 * breakdown day; for a dimension no post has, the breakdowns of the posts' sources (each at its
 * latest day). One statement.
 */
export async function campaignBreakdowns(
  em: EntityManager,
  workspaceId: string,
  scope: { campaignId: string; sourceId?: string | undefined; sourceKind?: string | undefined; from?: Date | undefined; to?: Date | undefined },
): Promise<BreakdownShares[]> {
  const where = ['p.workspace_id = ?', 'p.campaign_id = ?'];
  const params: unknown[] = [workspaceId, scope.campaignId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (scope.sourceId) add('p.source_id = ?', scope.sourceId);
  if (scope.sourceKind) add('s.kind = ?', scope.sourceKind);
  if (scope.from) add('p.published_at >= ?', scope.from);
  if (scope.to) add('p.published_at < ?', scope.to);
  const rows = await query<{ basis: 'posts' | 'sources'; dimension: BreakdownDimension; key: string | null; share_sum: number | null; subjects: number; in_scope: number }>(
    em,
    `with scoped as materialized (select p.id, p.source_id from post p join source s on s.id = p.source_id where ${where.join(' and ')}),
     post_days as (
       select b.post_id as subject, b.dimension, max(b.captured_on) as day
       from audience_breakdown b join scoped sc on sc.id = b.post_id group by 1, 2
     ),
     source_days as (
       select b.source_id as subject, b.dimension, max(b.captured_on) as day
       from audience_breakdown b where b.workspace_id = ? and b.source_id in (select source_id from scoped) group by 1, 2
     ),
     rows as (
       select 'posts' as basis, b.dimension, b.key, b.share, b.post_id as subject
       from audience_breakdown b join post_days d on d.subject = b.post_id and d.dimension = b.dimension and d.day = b.captured_on
       union all
       select 'sources', b.dimension, b.key, b.share, b.source_id
       from audience_breakdown b join source_days d on d.subject = b.source_id and d.dimension = b.dimension and d.day = b.captured_on
     ),
     chosen as (
       select r.* from rows r
       where r.basis = 'posts' or not exists (select 1 from post_days d where d.dimension = r.dimension)
     ),
     totals as (select basis, dimension, count(distinct subject)::int as subjects from chosen group by 1, 2)
     select c.basis, c.dimension, c.key, sum(c.share)::float8 as share_sum, t.subjects,
            case when c.basis = 'posts' then (select count(*) from scoped) else (select count(distinct source_id) from scoped) end::int as in_scope
     from chosen c join totals t on t.basis = c.basis and t.dimension = c.dimension
     group by c.basis, c.dimension, c.key, t.subjects
     order by c.dimension, share_sum desc, c.key`,
    [...params, workspaceId],
  );
  const byDimension = Map.groupBy(rows, (row) => row.dimension);
  return [...byDimension.entries()].map(([dimension, group]) => ({
    dimension,
    basis: group[0]!.basis,
    subjects: group[0]!.subjects,
    inScope: group[0]!.in_scope,
    keys: group.map((row) => ({ key: row.key ?? '', shareSum: Number(row.share_sum ?? 0) })),
  }));
}
