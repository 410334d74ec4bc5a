import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { rollupTriggers } from '../rollup/rollup-triggers.ts';
import { baseProperties } from './base.properties.ts';
import { Post } from './post.entity.ts';
import { Workspace } from './workspace.entity.ts';

const counter = () => p.bigint('number').nullable();

// The counters of one post at one time; any may be unknown (null), never guessed as 0. KPIs use
// the latest snapshot in the period; charts use the series. One row per (post, captured_at).
export const MetricSnapshot = defineEntity({
  name: 'MetricSnapshot',
  tableName: 'metric_snapshot',
  uniques: [{ properties: ['post', 'capturedAt'] }],
  indexes: [{ properties: ['workspace', 'capturedAt'] }],
  triggers: rollupTriggers('metric_snapshot', 'rollup_mark_snapshots'),
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    post: () => p.manyToOne(Post),
    capturedAt: p.datetime(),
    views: counter(),
    reach: counter(),
    impressions: counter(),
    likes: counter(),
    comments: counter(),
    shares: counter(),
    saves: counter(),
    profileVisits: counter(),
    linkClicks: counter(),
    follows: counter(),
    watchTimeSeconds: counter(),
    returningViewers: counter(),
  },
});
export type IMetricSnapshot = InferEntity<typeof MetricSnapshot>;
