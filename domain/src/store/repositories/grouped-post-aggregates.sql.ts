// The live post aggregates (posts, paid posts, currencies; each post's latest impressions
// and views) grouped by one column of the `scoped` posts and their `latest` snapshots: the per-kind
// and per-window reads differ only in that column, so they share these CTEs and this select list.
export function groupedPostAggregateCtes(group: string): string {
  return `pa as (
       select ${group}, count(*)::int as posts, count(*) filter (where placement = 'paid')::int as paid_posts,
              coalesce(array_agg(distinct currency order by currency), '{}') as currencies
       from scoped group by ${group}
     ),
     la as (
       select ${group}, count(*)::int as measured, sum(impressions)::float8 as impressions, count(impressions)::int as impressions_n,
              sum(views)::float8 as views, count(views)::int as views_n
       from latest group by ${group}
     )`;
}

/** PostAggregates' columns from the `pa` and `la` CTEs (null-safe for a group with no posts). */
export const GROUPED_POST_AGGREGATE_COLUMNS = `coalesce(pa.posts, 0)::int as posts,
       coalesce(pa.paid_posts, 0)::int as "paidPosts",
       coalesce(la.measured, 0)::int as "measuredPosts",
       la.impressions,
       coalesce(la.impressions_n, 0)::int as "postsWithImpressions",
       la.views,
       coalesce(la.views_n, 0)::int as "postsWithViews",
       coalesce(pa.currencies, '{}') as currencies`;
