// What the snapshot rollup pre-sums, per (source, campaign, publication day, capture day).
//
// Every report reads each post at its LATEST snapshot captured before the end of its period. A
// post's value at its latest snapshot before day D equals the sum, over its snapshots captured
// before D, of (value at this snapshot − value at the previous one): the sum telescopes. So the
// rollup stores, per capture day, the sum of those differences over the posts of a group, and
// "latest snapshot before D" becomes "sum of the rows captured before D", for any day D.
//
// `expr` is the value of one snapshot (columns of metric_snapshot); `telescoped: false` marks a
// plain count of the snapshots captured that day (the comparison's sample size).

const INTERACTIONS = ['likes', 'comments', 'shares', 'saves'] as const;
const TOTALS = ['views', 'reach', 'impressions', 'profile_visits', 'link_clicks', 'follows', ...INTERACTIONS] as const;
const ANY_INTERACTION = '(likes is not null or comments is not null or shares is not null or saves is not null)';
const BY_VIEWS = `(${ANY_INTERACTION} and views is not null)`;

export type SnapshotMeasure = { column: string; expr: string; telescoped: boolean };

const sumAndCount = (prefix: string, filter: string | null, counter: string): SnapshotMeasure[] => [
  { column: `${prefix}${counter}_sum`, expr: filter ? `case when ${filter} then coalesce(${counter}, 0) else 0 end` : `coalesce(${counter}, 0)`, telescoped: true },
  { column: `${prefix}${counter}_n`, expr: filter ? `(${filter} and ${counter} is not null)::int` : `(${counter} is not null)::int`, telescoped: true },
];

const exposure = (counter: 'saves' | 'shares', base: 'reach' | 'impressions'): SnapshotMeasure[] => {
  const both = `(${counter} is not null and ${base} is not null)`;
  return [
    { column: `${counter}_${base}_n`, expr: `${both}::int`, telescoped: true },
    { column: `${counter}_${base}_count`, expr: `case when ${both} then ${counter} else 0 end`, telescoped: true },
    { column: `${counter}_${base}_base`, expr: `case when ${both} then ${base} else 0 end`, telescoped: true },
  ];
};

export const SNAPSHOT_MEASURES: readonly SnapshotMeasure[] = [
  { column: 'measured', expr: '1', telescoped: true },
  { column: 'snapshots', expr: '1', telescoped: false },
  ...TOTALS.flatMap((counter) => sumAndCount('', null, counter)),
  { column: 'profile_action_posts', expr: '(profile_visits is not null or link_clicks is not null or follows is not null)::int', telescoped: true },
  // Posts with any interaction counter: the engagement rate's posts once the follower count is known.
  { column: 'f_posts', expr: `${ANY_INTERACTION}::int`, telescoped: true },
  ...INTERACTIONS.flatMap((counter) => sumAndCount('f_', ANY_INTERACTION, counter)),
  { column: 'v_posts', expr: `${BY_VIEWS}::int`, telescoped: true },
  { column: 'v_views_sum', expr: `case when ${BY_VIEWS} then views else 0 end`, telescoped: true },
  ...INTERACTIONS.flatMap((counter) => sumAndCount('v_', BY_VIEWS, counter)),
  ...exposure('saves', 'reach'),
  ...exposure('saves', 'impressions'),
  ...exposure('shares', 'reach'),
  ...exposure('shares', 'impressions'),
];

/** The entity property of a measure column (snake_case → camelCase). */
export const measureProperty = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
