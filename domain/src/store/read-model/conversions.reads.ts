import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { ConversionDayTotals } from '../../core/reports/commercial-report.ts';
import { readDb } from './read-db.ts';
import { all, answer, groupKey, inPeriod, joinsGroups, ownedBy, readWithGroups, type Answer, type Grouping, type Read, type ReadScope } from './scope.ts';

// What the scope's tracking links and offer codes brought (conversion counts per day), and the
// post-purchase survey answers naming its sources. Always live: the rollups hold posts and snapshots.

// A conversion count's day as the start of that UTC day, to compare with the period's bounds.
const dayStart = sql`(cc.day::timestamp at time zone 'UTC')`;

/**
 * Conversion counts of the links and codes of the campaigns in scope (and matching sources), summed
 * per campaign, UTC day and currency for days in the period. A sum is null when no row knew it.
 * The caller keeps the days inside each campaign's attribution window.
 */
export async function conversionDayTotals<G extends Grouping>(em: EntityManager, read: Omit<Read, 'basis'> & { grouping: G }): Promise<Answer<G, ConversionDayTotals[]>> {
  const campaign = sql`coalesce(l.campaign_id, o.campaign_id)`;
  const rows = await readWithGroups(em, read)
    .selectFrom('conversion_count as cc')
    .leftJoin('tracking_link as l', 'l.id', 'cc.link_id')
    .leftJoin('offer_code as o', 'o.id', 'cc.code_id')
    .innerJoin('source as s', (join) => join.on(sql<boolean>`s.id = coalesce(l.source_id, o.source_id)`))
    .$if(joinsGroups(read), (qb) => qb.innerJoin('g', (join) => join.onTrue()))
    .where('cc.workspace_id', '=', read.scope.workspaceId)
    .where(all([...ownedBy(read, sql`coalesce(l.source_id, o.source_id)`, campaign), inPeriod(read, dayStart)]))
    .select([
      groupKey(read).as('key'),
      campaign.as('campaignId'),
      sql<string>`to_char(cc.day, 'YYYY-MM-DD')`.as('day'),
      'cc.currency',
      sql<number | null>`sum(cc.clicks)::float8`.as('clicks'),
      sql<number | null>`sum(cc.sessions)::float8`.as('sessions'),
      sql<number | null>`sum(cc.registrations)::float8`.as('registrations'),
      sql<number | null>`sum(cc.target_actions)::float8`.as('targetActions'),
      sql<number | null>`sum(cc.sales)::float8`.as('sales'),
      sql<number | null>`sum(cc.revenue_minor)::float8`.as('revenueMinor'),
    ])
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
    .orderBy(sql`1`).orderBy(sql`2`).orderBy(sql`3`)
    .execute();
  const byGroup = Map.groupBy(rows, (row) => row.key);
  const totals = new Map([...byGroup].map(([key, list]) => [key, list.map(({ key: _, campaignId, ...day }) => ({ campaignId: String(campaignId), ...day }))]));
  return answer(read.grouping, totals, () => []);
}

/**
 * Post-purchase survey answers naming the sources in scope (the sources working on the campaigns
 * in scope that match the filters), on days in the period and in [firstDay, lastDay] when given.
 * Null when none recorded.
 */
export async function surveyAnswerTotal(em: EntityManager, scope: ReadScope & { campaignIds: readonly string[] }, days: { firstDay?: string | undefined; lastDay?: string | undefined }): Promise<number | null> {
  const ids = `{${scope.campaignIds.join(',')}}`;
  const db = readDb(em);
  const row = await db
    .selectFrom('survey_answer_count as sa')
    .innerJoin('source as s', 's.id', 'sa.source_id')
    .where('sa.workspace_id', '=', scope.workspaceId)
    .$if(Boolean(scope.sourceId), (qb) => qb.where('sa.source_id', '=', scope.sourceId!))
    .$if(Boolean(scope.sourceKind), (qb) => qb.where(sql<boolean>`s.kind = ${scope.sourceKind}`))
    .where('sa.source_id', 'in', db.selectFrom('brief as b').select('b.source_id').where(sql<boolean>`b.campaign_id = any(${ids}::uuid[])`)
      .union(db.selectFrom('tracking_link as l').select('l.source_id').where(sql<boolean>`l.campaign_id = any(${ids}::uuid[])`))
      .union(db.selectFrom('offer_code as o').select('o.source_id').where(sql<boolean>`o.campaign_id = any(${ids}::uuid[])`)))
    .where(inPeriod({ scope, grouping: { by: 'none' } }, sql`(sa.day::timestamp at time zone 'UTC')`))
    .$if(Boolean(days.firstDay), (qb) => qb.where(sql<boolean>`sa.day >= ${days.firstDay}::date`))
    .$if(Boolean(days.lastDay), (qb) => qb.where(sql<boolean>`sa.day <= ${days.lastDay}::date`))
    .select(sql<number | null>`sum(sa.answers)::float8`.as('answers'))
    .executeTakeFirst();
  return row?.answers ?? null;
}
