import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const alertMetrics = ['negative_share', 'flagged_share'] as const;

// A brand-safety spike: one day whose negative or flagged share of a character's comments is far
// above its trailing baseline. One row per (character, metric, day), however often detection runs.
export const Alert = defineEntity({
  name: 'Alert',
  tableName: 'alert',
  uniques: [{ properties: ['workspace', 'source', 'metric', 'day'] }],
  indexes: [{ properties: ['workspace', 'detectedAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    source: () => p.manyToOne(Source),
    metric: p.enum(alertMetrics),
    day: p.date(),
    share: p.double(),
    baselineMean: p.double(),
    baselineSd: p.double(),
    comments: p.integer(),
    detectedAt: p.datetime(),
    // Webhook delivery: retried with backoff by the deliver-alert job.
    deliveredAt: p.datetime().nullable(),
    deliveryAttempts: p.integer().default(0),
    lastDeliveryError: p.text().nullable(),
  },
});
export type IAlert = InferEntity<typeof Alert>;
