import type { EntityManager } from '@mikro-orm/postgresql';
import { SNAPSHOT_MEASURES } from '../rollup/snapshot-measures.ts';
import type { SourceWindow } from '../read-model/scope.ts';
import { AUDIENCE_SUMS, audienceLatestCtes, toAudienceAggregates, type AudienceAggregates, type MentionCounts } from './metrics.repository.ts';
import { AUDIENCE_ROLLUP_SUMS } from './rollup-reads.repository.ts';
import { query } from './sql.ts';

// The inputs of the audience and commercial reports for MANY sources at once, each over its own
// window (the source comparison): one statement per input for every source, grouped by source,
// instead of one report per source. Each function returns, per source, exactly what its
// single-source namesake returns for { sourceId, from: window start, to: window end } (and the
// campaign filter); the reports compute every KPI from them with the same code. The *FromRollup
// reads take windows of whole UTC days only (the rollups' grain); the others read live tables.

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

export type WindowFilter = { campaignId?: string | undefined };

function windowsJson(windows: readonly SourceWindow[], campaignsOf?: ReadonlyMap<string, readonly string[]>, wholeDays = true): string {
  for (const w of wholeDays ? windows : []) {
    if (w.from.getTime() % DAY_MS !== 0 || w.to.getTime() % DAY_MS !== 0) throw new Error('window reads: windows must be whole UTC days');
  }
  return JSON.stringify(windows.map((w) => ({
    source_id: w.sourceId,
    start_day: day(w.from),
    end_day: day(w.to),
    start_at: w.from.toISOString(),
    end_at: w.to.toISOString(),
    campaign_ids: campaignsOf ? [...(campaignsOf.get(w.sourceId) ?? [])] : [],
  })));
}
const W = `w as materialized (select * from jsonb_to_recordset(?::jsonb) as x(source_id uuid, start_day date, end_day date, start_at timestamptz, end_at timestamptz, campaign_ids uuid[]))`;


/** audienceAggregatesFromRollup per source window. */
export async function audienceAggregatesByWindowFromRollup(em: EntityManager, workspaceId: string, windows: readonly SourceWindow[], filter: WindowFilter): Promise<Map<string, AudienceAggregates>> {
  if (windows.length === 0) return new Map();
  const campaign = filter.campaignId ? 'and r.campaign_id = ?' : '';
  const campaignParams = filter.campaignId ? [filter.campaignId] : [];
  const measures = SNAPSHOT_MEASURES.map((m) => `sum(r.${m.column}::float8) as ${m.column}`).join(', ');
  const rows = await query<Record<string, number | null>>(
    em,
    `with ${W},
     groups as materialized (
       select w.source_id as key, r.source_id, r.published_on, ${measures}
       from w join snapshot_rollup r on r.workspace_id = ? and r.source_id = w.source_id
         and r.published_on >= w.start_day and r.published_on < w.end_day and r.captured_on < w.end_day ${campaign}
       group by w.source_id, r.source_id, r.published_on
     ),
     measured as (
       select g.*, f.followers::float8 as followers from groups g
       left join lateral (
         select fs.followers from follower_snapshot fs where fs.source_id = g.source_id and fs.date <= g.published_on order by fs.date desc limit 1
       ) f on true
     ),
     posts as (
       select w.source_id as key, coalesce(sum(r.posts), 0)::int as posts
       from w join post_rollup r on r.workspace_id = ? and r.source_id = w.source_id
         and r.published_on >= w.start_day and r.published_on < w.end_day ${campaign}
       group by w.source_id
     ),
     sums as (
       select key as sums_key,
         ${AUDIENCE_ROLLUP_SUMS}
       from measured group by key
     )
     select w.source_id as key, coalesce(p.posts, 0) as posts, s.* from w left join posts p on p.key = w.source_id left join sums s on s.sums_key = w.source_id`,
    [windowsJson(windows), workspaceId, ...campaignParams, workspaceId, ...campaignParams],
  );
  return new Map(rows.map((row) => [String(row['key']), toAudienceAggregates(row)]));
}

/** brandMentionCountsFromRollup per source window (posts from the rollups, mentions from the comments). */
export async function brandMentionCountsByWindowFromRollup(em: EntityManager, workspaceId: string, windows: readonly SourceWindow[], filter: WindowFilter): Promise<Map<string, MentionCounts>> {
  if (windows.length === 0) return new Map();
  const rollupCampaign = filter.campaignId ? 'and r.campaign_id = ?' : '';
  const postCampaign = filter.campaignId ? 'and p.campaign_id = ?' : '';
  const campaignParams = filter.campaignId ? [filter.campaignId] : [];
  const rows = await query<MentionCounts & { key: string }>(
    em,
    `with ${W},
     keyed as materialized (
       select c.id, array(select lower(k) from jsonb_array_elements_text(c.tracking_keywords) k where btrim(k) <> '') as keywords
       from campaign c where c.workspace_id = ?
     ),
     tracked as materialized (select id, keywords from keyed where cardinality(keywords) > 0),
     posts as (
       select w.source_id as key, coalesce(sum(r.posts), 0)::int as n
       from w join post_rollup r on r.workspace_id = ? and r.source_id = w.source_id
         and r.published_on >= w.start_day and r.published_on < w.end_day ${rollupCampaign}
       join tracked t on t.id = r.campaign_id
       group by w.source_id
     ),
     mentions as (
       select w.source_id as key, count(*)::int as comments,
              (count(*) filter (where exists (select 1 from unnest(t.keywords) k where strpos(lower(cm.text), k) > 0)))::int as n
       from w join post p on p.workspace_id = ? and p.source_id = w.source_id and p.published_at >= w.start_at and p.published_at < w.end_at ${postCampaign}
       join tracked t on t.id = p.campaign_id
       join comment cm on cm.post_id = p.id and cm.posted_at >= w.start_at and cm.posted_at < w.end_at
       group by w.source_id
     )
     select w.source_id as key, coalesce(p.n, 0)::int as posts, coalesce(m.comments, 0)::int as comments, coalesce(m.n, 0)::int as mentions
     from w left join posts p on p.key = w.source_id left join mentions m on m.key = w.source_id`,
    [windowsJson(windows), workspaceId, workspaceId, ...campaignParams, workspaceId, ...campaignParams],
  );
  return new Map(rows.map((row) => [row.key, { posts: row.posts, comments: row.comments, mentions: row.mentions }]));
}

/** `comments`: collected in the window, classified or not; the others count latest classifications. */
export type CommentCountSums = Record<'comments' | 'classified' | 'positive' | 'neutral' | 'negative' | 'flagged' | 'mentioning', number>;

/**
 * The comment counts the audience report reads of brandSafetyCounts (its days summed), per source
 * window: the comments posted in the window on the source's posts, each at its latest classification.
 */
export async function commentCountsByWindow(em: EntityManager, workspaceId: string, windows: readonly SourceWindow[], filter: WindowFilter): Promise<Map<string, CommentCountSums>> {
  if (windows.length === 0) return new Map();
  const campaign = filter.campaignId ? 'and p.campaign_id = ?' : '';
  const rows = await query<CommentCountSums & { key: string }>(
    em,
    `with ${W},
     scoped as materialized (
       select w.source_id as key, c.id
       from w join post p on p.workspace_id = ? and p.source_id = w.source_id ${campaign}
       join comment c on c.post_id = p.id and c.workspace_id = ? and c.posted_at >= w.start_at and c.posted_at < w.end_at
     ),
     latest as materialized (
       select distinct on (cc.comment_id) sc.key, cc.sentiment, cc.flags, cc.mentions_character
       from scoped sc join comment_classification cc on cc.comment_id = sc.id and cc.workspace_id = ?
       order by cc.comment_id, cc.classified_at desc, cc.created_at desc, cc.id desc
     ),
     sums as (
       select key,
              count(*)::int as classified,
              count(*) filter (where sentiment = 'positive')::int as positive,
              count(*) filter (where sentiment = 'neutral')::int as neutral,
              count(*) filter (where sentiment = 'negative')::int as negative,
              count(*) filter (where cardinality(flags) > 0)::int as flagged,
              count(*) filter (where mentions_character)::int as mentioning
       from latest group by key
     ),
     collected as (select key, count(*)::int as comments from scoped group by key)
     select c.key, c.comments, ${['classified', 'positive', 'neutral', 'negative', 'flagged', 'mentioning'].map((k) => `coalesce(s.${k}, 0)::int as ${k}`).join(', ')}
     from collected c left join sums s on s.key = c.key`,
    [windowsJson(windows, undefined, false), workspaceId, ...(filter.campaignId ? [filter.campaignId] : []), workspaceId, workspaceId],
  );
  const none: CommentCountSums = { comments: 0, classified: 0, positive: 0, neutral: 0, negative: 0, flagged: 0, mentioning: 0 };
  const byKey = new Map(rows.map(({ key, ...sums }) => [key, sums]));
  return new Map(windows.map((w) => [w.sourceId, byKey.get(w.sourceId) ?? none]));
}

// The live reads (every post and snapshot): the same per-source inputs for `?live=true`.

// The posts of each source published in its window (of the campaign when given; of the campaigns
// given per source when `campaigns`), with the window: alias sc downstream.
function scopedWindowPosts(filter: WindowFilter, campaigns: boolean): { sql: string; params: unknown[] } {
  return {
    sql: `select w.source_id as key, p.id, p.source_id, p.campaign_id, p.asset_id, p.placement, p.spend_minor, p.currency,
                 (p.published_at at time zone 'UTC')::date as day, w.start_at, w.end_at
          from w join post p on p.workspace_id = ? and p.source_id = w.source_id and p.published_at >= w.start_at and p.published_at < w.end_at
            ${campaigns ? 'and p.campaign_id = any(w.campaign_ids)' : ''} ${filter.campaignId ? 'and p.campaign_id = ?' : ''}`,
    params: filter.campaignId ? [filter.campaignId] : [],
  };
}

/** audienceAggregates per source window. */
export async function audienceAggregatesByWindow(em: EntityManager, workspaceId: string, windows: readonly SourceWindow[], filter: WindowFilter): Promise<Map<string, AudienceAggregates>> {
  if (windows.length === 0) return new Map();
  const posts = scopedWindowPosts(filter, false);
  const rows = await query<Record<string, number | null>>(
    em,
    `with ${W},
     scoped as materialized (${posts.sql}),
${audienceLatestCtes(' where m.captured_at >= sc.start_at and m.captured_at < sc.end_at')},
     sums as (select source_id as sums_key,
${AUDIENCE_SUMS}
       from measured group by source_id),
     counted as (select key, count(*)::int as posts from scoped group by key)
     select w.source_id as key, coalesce(c.posts, 0) as posts, s.* from w left join counted c on c.key = w.source_id left join sums s on s.sums_key = w.source_id`,
    [windowsJson(windows, undefined, false), workspaceId, ...posts.params],
  );
  return new Map(rows.map((row) => [String(row['key']), toAudienceAggregates(row)]));
}

/** brandMentionCounts per source window. */
export async function brandMentionCountsByWindow(em: EntityManager, workspaceId: string, windows: readonly SourceWindow[], filter: WindowFilter): Promise<Map<string, MentionCounts>> {
  if (windows.length === 0) return new Map();
  const posts = scopedWindowPosts(filter, false);
  const rows = await query<MentionCounts & { key: string }>(
    em,
    `with ${W},
     scoped as materialized (${posts.sql}),
     keyed as materialized (
       select c.id, array(select lower(k) from jsonb_array_elements_text(c.tracking_keywords) k where btrim(k) <> '') as keywords
       from campaign c where c.id in (select campaign_id from scoped)
     ),
     tracked as materialized (select sc.key, sc.id, sc.start_at, sc.end_at, k.keywords from scoped sc join keyed k on k.id = sc.campaign_id where cardinality(k.keywords) > 0),
     counted as (select key, count(*)::int as n from tracked group by key),
     mentions as (
       select t.key, count(*)::int as comments,
              (count(*) filter (where exists (select 1 from unnest(t.keywords) k where strpos(lower(cm.text), k) > 0)))::int as n
       from comment cm join tracked t on t.id = cm.post_id
       where cm.posted_at >= t.start_at and cm.posted_at < t.end_at
       group by t.key
     )
     select w.source_id as key, coalesce(c.n, 0)::int as posts, coalesce(m.comments, 0)::int as comments, coalesce(m.n, 0)::int as mentions
     from w left join counted c on c.key = w.source_id left join mentions m on m.key = w.source_id`,
    [windowsJson(windows, undefined, false), workspaceId, ...posts.params],
  );
  return new Map(rows.map((row) => [row.key, { posts: row.posts, comments: row.comments, mentions: row.mentions }]));
}
