import type { EntityManager } from '@mikro-orm/postgresql';
import type { AssetState } from '../../core/asset-state.ts';
import type { CampaignGoal } from '../../core/vocabulary.ts';
import { query, textArray, uuidArray } from './sql.ts';

// Attribution inputs (offer codes, conversion counts, survey answers) and the aggregates the
// commercial report reads. Bulk rows travel as ONE jsonb parameter; report figures are summed in
// PostgreSQL, so nothing per post comes back whatever the workspace's size.

export type Upserted = { inserted: number; updated: number; unchanged: number };

/** Inserts an offer code unless the workspace already has it; null when the code is taken. */
export async function insertOfferCode(
  em: EntityManager,
  row: { workspaceId: string; campaignId: string; sourceId: string; postId: string | null; code: string },
  now: Date,
): Promise<string | null> {
  const [inserted] = await query<{ id: string }>(
    em,
    `insert into offer_code (id, created_at, updated_at, workspace_id, campaign_id, source_id, post_id, code)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)
     on conflict (workspace_id, code) do nothing
     returning id`,
    [now, now, row.workspaceId, row.campaignId, row.sourceId, row.postId, row.code],
  );
  return inserted?.id ?? null;
}

export type ConversionTarget = { id: string; code: string | null; currency: string };

/** The workspace's links among `linkIds` and codes among `codes`, each with its campaign's currency. */
export async function findConversionTargets(em: EntityManager, workspaceId: string, linkIds: string[], codes: string[]) {
  const [links, offerCodes] = await Promise.all([
    linkIds.length === 0
      ? []
      : query<ConversionTarget>(
          em,
          `select l.id, null as code, c.currency from tracking_link l join campaign c on c.id = l.campaign_id
           where l.workspace_id = ? and l.id = any(?::uuid[])`,
          [workspaceId, uuidArray(linkIds)],
        ),
    codes.length === 0
      ? []
      : query<ConversionTarget>(
          em,
          `select o.id, o.code, c.currency from offer_code o join campaign c on c.id = o.campaign_id
           where o.workspace_id = ? and o.code = any(?::text[])`,
          [workspaceId, textArray(codes)],
        ),
  ]);
  return { links, codes: offerCodes };
}

export type ConversionRow = {
  linkId: string | null;
  codeId: string | null;
  day: string;
  clicks: number | null;
  sessions: number | null;
  registrations: number | null;
  targetActions: number | null;
  sales: number | null;
  revenueMinor: number | null;
  currency: string;
};

const COUNT_COLUMNS = ['clicks', 'sessions', 'registrations', 'target_actions', 'sales', 'revenue_minor', 'currency'] as const;

// One upsert per key: link rows conflict on (link_id, day), code rows on (code_id, day). A re-sent
// row replaces the stored one; a row identical to the stored one is not written (unchanged).
// xmax = 0 tells an inserted row from an updated one.
async function upsertConversions(em: EntityManager, workspaceId: string, rows: ConversionRow[], key: 'link_id' | 'code_id', now: Date): Promise<Upserted> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const written = await query<{ inserted: boolean }>(
    em,
    `insert into conversion_count as cc (id, created_at, updated_at, workspace_id, link_id, code_id, day, ${COUNT_COLUMNS.join(', ')})
     select gen_random_uuid(), ?, ?, ?, r.link_id, r.code_id, r.day, ${COUNT_COLUMNS.map((c) => `r.${c}`).join(', ')}
     from jsonb_to_recordset(?::jsonb) as r(link_id uuid, code_id uuid, day date, clicks bigint, sessions bigint, registrations bigint,
       target_actions bigint, sales bigint, revenue_minor bigint, currency text)
     on conflict (${key}, day) do update set ${COUNT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at
     where (${COUNT_COLUMNS.map((c) => `cc.${c}`).join(', ')}) is distinct from (${COUNT_COLUMNS.map((c) => `excluded.${c}`).join(', ')})
     returning (xmax = 0) as inserted`,
    [now, now, workspaceId, JSON.stringify(rows.map((r) => ({
      link_id: r.linkId,
      code_id: r.codeId,
      day: r.day,
      clicks: r.clicks,
      sessions: r.sessions,
      registrations: r.registrations,
      target_actions: r.targetActions,
      sales: r.sales,
      revenue_minor: r.revenueMinor,
      currency: r.currency,
    })))],
  );
  const inserted = written.filter((row) => row.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: rows.length - written.length };
}

/** Stores counts per (link | code, day), all in one transaction; the caller has checked ownership. */
export async function upsertConversionCounts(em: EntityManager, workspaceId: string, rows: ConversionRow[], now: Date): Promise<Upserted> {
  return em.transactional(async (tx) => {
    const byLink = await upsertConversions(tx, workspaceId, rows.filter((r) => r.linkId !== null), 'link_id', now);
    const byCode = await upsertConversions(tx, workspaceId, rows.filter((r) => r.codeId !== null), 'code_id', now);
    return { inserted: byLink.inserted + byCode.inserted, updated: byLink.updated + byCode.updated, unchanged: byLink.unchanged + byCode.unchanged };
  });
}

export type SurveyAnswerRow = { sourceId: string; day: string; answers: number };

/** Stores survey answers per (source, day); a re-sent day replaces the stored count. */
export async function upsertSurveyAnswers(em: EntityManager, workspaceId: string, rows: SurveyAnswerRow[], now: Date): Promise<Upserted> {
  const written = await query<{ inserted: boolean }>(
    em,
    `insert into survey_answer_count as s (id, created_at, updated_at, workspace_id, source_id, day, answers)
     select gen_random_uuid(), ?, ?, ?, r.source_id, r.day, r.answers
     from jsonb_to_recordset(?::jsonb) as r(source_id uuid, day date, answers int)
     on conflict (source_id, day) do update set answers = excluded.answers, updated_at = excluded.updated_at
     where s.answers is distinct from excluded.answers
     returning (xmax = 0) as inserted`,
    [now, now, workspaceId, JSON.stringify(rows.map((r) => ({ source_id: r.sourceId, day: r.day, answers: r.answers })))],
  );
  const inserted = written.filter((row) => row.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: rows.length - written.length };
}

// ---------------------------------------------------------------------------------------------
// The commercial report's aggregates.

export type CommercialScope = {
  campaignId?: string | undefined;
  sourceId?: string | undefined;
  sourceKind?: string | undefined;
  /** From inclusive, to exclusive. */
  from?: Date | undefined;
  to?: Date | undefined;
};

export type ScopedCampaign = {
  id: string;
  name: string;
  goal: CampaignGoal;
  currency: string;
  startsOn: string;
  endsOn: string;
  attributionWindowDays: number;
};

function sourceMatch(scope: CommercialScope, sourceColumn: string, kindColumn: string) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (scope.sourceId) {
    conditions.push(`${sourceColumn} = ?`);
    params.push(scope.sourceId);
  }
  if (scope.sourceKind) {
    conditions.push(`${kindColumn} = ?`);
    params.push(scope.sourceKind);
  }
  return { sql: conditions.length === 0 ? 'true' : conditions.join(' and '), params };
}

/** The campaign filter of a scope: the selected one, or every campaign whose run overlaps the period. */
export function campaignsOverlapping(workspaceId: string, scope: CommercialScope): { where: string[]; params: unknown[] } {
  const where = ['c.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  if (scope.campaignId) {
    where.push('c.id = ?');
    params.push(scope.campaignId);
  }
  if (scope.to) {
    where.push(`(c.starts_on::timestamp at time zone 'UTC') < ?`);
    params.push(scope.to);
  }
  if (scope.from) {
    where.push(`((c.ends_on + 1)::timestamp at time zone 'UTC') > ?`);
    params.push(scope.from);
  }
  return { where, params };
}

/**
 * Campaigns in scope: the selected one, or every campaign whose run (starts_on to ends_on, UTC
 * days) overlaps the period. With a source filter, only campaigns some matching source works on
 * (a brief, tracking link or offer code names it). What each source costs is in its cost lines.
 */
export async function campaignsInScope(em: EntityManager, workspaceId: string, scope: CommercialScope): Promise<ScopedCampaign[]> {
  const { where, params } = campaignsOverlapping(workspaceId, scope);
  const filtered = Boolean(scope.sourceId || scope.sourceKind);
  const match = sourceMatch(scope, 'i.source_id', 's.kind');
  // The sources each campaign involves, matched once for every campaign (not one subquery per campaign).
  const involved = filtered
    ? `left join (
         select i.campaign_id, bool_or(${match.sql}) as involves
         from (select campaign_id, source_id from brief where workspace_id = ?
               union select campaign_id, source_id from tracking_link where workspace_id = ?
               union select campaign_id, source_id from offer_code where workspace_id = ?) i
         join source s on s.id = i.source_id
         group by i.campaign_id
       ) m on m.campaign_id = c.id`
    : '';
  const rows = await query<ScopedCampaign & { involves: boolean }>(
    em,
    `select c.id, c.name, c.goal, c.currency, to_char(c.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') as "endsOn",
            c.attribution_window_days as "attributionWindowDays",
            ${filtered ? 'coalesce(m.involves, false)' : 'true'} as involves
     from campaign c ${involved} where ${where.join(' and ')}
     order by c.starts_on, c.id`,
    [...(filtered ? [...match.params, workspaceId, workspaceId, workspaceId] : []), ...params],
  );
  return rows
    .filter((row) => row.involves)
    .map(({ involves: _, ...row }) => row);
}

export type PostAggregates = {
  posts: number;
  paidPosts: number;
  /** Posts in scope with a metric snapshot in the period. */
  measuredPosts: number;
  /** Sums over the latest snapshot of each post; null when no snapshot knows the counter. */
  impressions: number | null;
  postsWithImpressions: number;
  views: number | null;
  postsWithViews: number;
  currencies: string[];
};

function scopedPosts(workspaceId: string, campaignIds: string[], scope: CommercialScope) {
  const where = ['p.workspace_id = ?', 'p.campaign_id = any(?::uuid[])'];
  const params: unknown[] = [workspaceId, uuidArray(campaignIds)];
  const match = sourceMatch(scope, 'p.source_id', 's.kind');
  where.push(match.sql);
  params.push(...match.params);
  if (scope.from) {
    where.push('p.published_at >= ?');
    params.push(scope.from);
  }
  if (scope.to) {
    where.push('p.published_at < ?');
    params.push(scope.to);
  }
  return {
    sql: `select p.id, p.asset_id, p.placement, p.spend_minor, p.currency from post p join source s on s.id = p.source_id where ${where.join(' and ')}`,
    params,
  };
}

/** The snapshot filter of a period: captured from `from` (inclusive) to `to` (exclusive). */
export function capturedIn(filter: { from?: Date | undefined; to?: Date | undefined }): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.from) {
    conditions.push('m.captured_at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    conditions.push('m.captured_at < ?');
    params.push(filter.to);
  }
  return { sql: conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '', params };
}

/**
 * Posts published in the period for the campaigns in scope: paid spend of the paid ones, and
 * impressions and views from each post's LATEST metric snapshot captured in the period.
 */
export async function postAggregates(em: EntityManager, workspaceId: string, campaignIds: string[], scope: CommercialScope): Promise<PostAggregates> {
  const posts = scopedPosts(workspaceId, campaignIds, scope);
  const captured = capturedIn(scope);
  const [row] = await query<PostAggregates>(
    em,
    `with scoped as materialized (${posts.sql}),
     latest as materialized (
       select distinct on (m.post_id) m.post_id, m.impressions, m.views
       from metric_snapshot m join scoped sp on sp.id = m.post_id
       ${captured.sql ? `${captured.sql} and` : 'where'} m.workspace_id = ?
       order by m.post_id, m.captured_at desc, m.id desc
     )
     select
       (select count(*)::int from scoped) as posts,
       (select count(*)::int from scoped where placement = 'paid') as "paidPosts",
       (select count(*)::int from latest) as "measuredPosts",
       (select sum(impressions)::float8 from latest) as impressions,
       (select count(impressions)::int from latest) as "postsWithImpressions",
       (select sum(views)::float8 from latest) as views,
       (select count(views)::int from latest) as "postsWithViews",
       (select coalesce(array_agg(distinct currency order by currency), '{}') from scoped) as currencies`,
    [...posts.params, ...captured.params, workspaceId],
  );
  return row!;
}

export type UsedAsset = {
  id: string;
  state: AssetState;
  currency: string;
  generationCostMinor: number;
  otherCostMinor: number;
  productionHours: number;
  hourlyRateMinor: number;
  createdAt: Date;
};

/**
 * The assets of AI-character sources used by the posts in scope (each once, however many times it
 * was placed), with what their production cost needs: the source's hourly rate, else the workspace's.
 */
export async function aiCharacterAssetsUsed(em: EntityManager, workspaceId: string, campaignIds: string[], scope: CommercialScope): Promise<UsedAsset[]> {
  const posts = scopedPosts(workspaceId, campaignIds, scope);
  const rows = await query<Omit<UsedAsset, 'createdAt'> & { createdAt: string | Date }>(
    em,
    `select a.id, a.state, a.currency, a.generation_cost_minor::float8 as "generationCostMinor", a.other_cost_minor::float8 as "otherCostMinor",
            a.production_hours::float8 as "productionHours", coalesce(s.hourly_rate_minor, w.hourly_rate_minor)::float8 as "hourlyRateMinor", a.created_at as "createdAt"
     from asset a join source s on s.id = a.source_id join workspace w on w.id = a.workspace_id
     where a.workspace_id = ? and s.kind = 'ai_character' and a.id in (select asset_id from (${posts.sql}) scoped)`,
    [workspaceId, ...posts.params],
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

export type ConversionDayTotals = {
  campaignId: string;
  day: string;
  currency: string;
  clicks: number | null;
  sessions: number | null;
  registrations: number | null;
  targetActions: number | null;
  sales: number | null;
  revenueMinor: number | null;
};

/**
 * Conversion counts of the links and codes of the campaigns in scope (and matching sources), summed
 * per campaign, UTC day and currency for days in the period. A sum is null when no row knew it.
 * The caller keeps the days inside each campaign's attribution window.
 */
export async function conversionDayTotals(em: EntityManager, workspaceId: string, campaignIds: string[], scope: CommercialScope): Promise<ConversionDayTotals[]> {
  const where = ['cc.workspace_id = ?', 'coalesce(l.campaign_id, o.campaign_id) = any(?::uuid[])'];
  const params: unknown[] = [workspaceId, uuidArray(campaignIds)];
  const match = sourceMatch(scope, 'coalesce(l.source_id, o.source_id)', 's.kind');
  where.push(match.sql);
  params.push(...match.params);
  if (scope.from) {
    where.push(`(cc.day::timestamp at time zone 'UTC') >= ?`);
    params.push(scope.from);
  }
  if (scope.to) {
    where.push(`(cc.day::timestamp at time zone 'UTC') < ?`);
    params.push(scope.to);
  }
  return query<ConversionDayTotals>(
    em,
    `select coalesce(l.campaign_id, o.campaign_id) as "campaignId", to_char(cc.day, 'YYYY-MM-DD') as day, cc.currency,
            sum(cc.clicks)::float8 as clicks, sum(cc.sessions)::float8 as sessions, sum(cc.registrations)::float8 as registrations,
            sum(cc.target_actions)::float8 as "targetActions", sum(cc.sales)::float8 as sales, sum(cc.revenue_minor)::float8 as "revenueMinor"
     from conversion_count cc
       left join tracking_link l on l.id = cc.link_id
       left join offer_code o on o.id = cc.code_id
       join source s on s.id = coalesce(l.source_id, o.source_id)
     where ${where.join(' and ')}
     group by 1, 2, 3
     order by 1, 2`,
    params,
  );
}

/**
 * Post-purchase survey answers naming the sources in scope (the sources working on the campaigns
 * in scope that match the filters), on days in [fromDay, toDay) when given. Null when none recorded.
 */
export async function surveyAnswerTotal(
  em: EntityManager,
  workspaceId: string,
  campaignIds: string[],
  scope: CommercialScope,
  days: { from?: Date | undefined; to?: Date | undefined; firstDay?: string | undefined; lastDay?: string | undefined },
): Promise<number | null> {
  const where = ['sa.workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const match = sourceMatch(scope, 'sa.source_id', 's.kind');
  where.push(match.sql);
  params.push(...match.params);
  where.push(`sa.source_id in (select b.source_id from brief b where b.campaign_id = any(?::uuid[])
                               union select l.source_id from tracking_link l where l.campaign_id = any(?::uuid[])
                               union select o.source_id from offer_code o where o.campaign_id = any(?::uuid[]))`);
  params.push(uuidArray(campaignIds), uuidArray(campaignIds), uuidArray(campaignIds));
  if (days.from) {
    where.push(`(sa.day::timestamp at time zone 'UTC') >= ?`);
    params.push(days.from);
  }
  if (days.to) {
    where.push(`(sa.day::timestamp at time zone 'UTC') < ?`);
    params.push(days.to);
  }
  if (days.firstDay) {
    where.push('sa.day >= ?::date');
    params.push(days.firstDay);
  }
  if (days.lastDay) {
    where.push('sa.day <= ?::date');
    params.push(days.lastDay);
  }
  const [row] = await query<{ answers: number | null }>(
    em,
    `select sum(sa.answers)::float8 as answers from survey_answer_count sa join source s on s.id = sa.source_id where ${where.join(' and ')}`,
    params,
  );
  return row?.answers ?? null;
}
