import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';

export const Workspace = defineEntity({
  name: 'Workspace',
  tableName: 'workspace',
  properties: {
    ...baseProperties,
    name: p.string(),
    currency: p.string().length(3).default('USD'),
    // Reports convert money into this currency with the workspace's own rates (FxRate). Starts as `currency`.
    reportingCurrency: p.string().length(3).onCreate((workspace: { currency: string }) => workspace.currency),
    // People's time is part of production cost; this is the default rate, sources may override it.
    hourlyRateMinor: p.bigint('number').default(0),
    // Rival brands: a comment naming one is flagged `competitor`.
    competitors: p.json<string[]>().default('[]'),
    // Brand-safety alerts are POSTed here, signed with HMAC-SHA256 of the body under the secret.
    alertWebhookUrl: p.string().length(2048).nullable(),
    alertWebhookSecret: p.string().nullable(),
    // The same alerts by e-mail and to a Slack-compatible webhook (a short text, unsigned).
    // onCreate: the column default alone would be assigned as the string '[]'.
    alertEmailRecipients: p.json<string[]>().default('[]').onCreate(() => []),
    alertSlackWebhookUrl: p.string().length(2048).nullable(),
    tierOverrides: p.json<Record<string, { average: number; strong: number; exceptional: number }>>().default('{}'),
  },
});
export type IWorkspace = InferEntity<typeof Workspace>;
