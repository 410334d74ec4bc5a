import { z } from 'zod';
import { roles } from '@persona-ops/domain/store';
import { isKnownCurrency } from '@persona-ops/domain/core';
import { currencySchema, idSchema, minorUnits } from '../../http/common.schemas.ts';
import { mergePatchSchema } from '../../http/merge-patch.ts';
import { emailRecipients, slackWebhookUrl } from '../../http/report-schedule-settings.ts';

const thresholds = z.object({ average: z.number(), strong: z.number(), exceptional: z.number() });

export const workspaceSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    currency: z.string(),
    reportingCurrency: z.string().describe("Reports convert money into this currency with the workspace's exchange rates (GET /v1/fx-rates)"),
    hourlyRateMinor: z.number().int().describe("Default rate for people's production hours, in minor units"),
    tierOverrides: z.record(z.string(), thresholds).describe('Per-KPI tier thresholds that replace the defaults'),
    competitors: z.array(z.string()).describe('Rival brands: a comment naming one is flagged competitor'),
    alertWebhookConfigured: z.boolean().describe('Whether brand-safety alerts are POSTed to a webhook (every role may know)'),
    alertWebhookUrl: z
      .string()
      .nullable()
      .describe('Brand-safety alerts are POSTed here. Admins only: the URL may carry a credential, so it is null for every other role'),
    alertWebhookSecretSet: z
      .boolean()
      .nullable()
      .describe('Whether a signing secret is set (the secret itself is never shown). Admins only: null for every other role'),
    alertEmailRecipients: z.array(z.string()).nullable().describe('Brand-safety alerts are e-mailed to these addresses. Admins only: null for every other role'),
    alertSlackWebhookUrl: z.string().nullable().describe('Brand-safety alerts are posted to this Slack-compatible webhook. Admins only (a credential): null for every other role'),
  })
  .meta({ id: 'Workspace' });

// The workspace's settings whole: what a patched workspace must still be. The defaults are what a
// member removed by a PATCH with null becomes.
export const workspaceSettings = z.object({
  name: z.string().trim().min(1).max(255),
  currency: currencySchema,
  reportingCurrency: currencySchema.refine(isKnownCurrency, { message: 'is not a current ISO 4217 currency' }),
  hourlyRateMinor: minorUnits,
  tierOverrides: z.record(z.string(), thresholds).default({}).describe('Per-KPI tier thresholds that replace the defaults'),
  competitors: z.array(z.string().trim().min(1).max(255)).max(200).default([]).describe('Rival brands: a comment naming one is flagged competitor'),
  alertWebhookUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048).nullable().default(null).describe('Brand-safety alerts are POSTed here'),
  alertWebhookSecret: z.string().min(16, 'use at least 16 characters').max(255).nullable().default(null).describe('Signs each delivery: HMAC-SHA256 of "<timestamp>.<body>"'),
  alertEmailRecipients: emailRecipients.default([]).describe('Brand-safety alerts are also e-mailed to these addresses'),
  alertSlackWebhookUrl: slackWebhookUrl.nullable().default(null).describe('Brand-safety alerts are also posted here, as a short text (a Slack-compatible incoming webhook)'),
});

export const updateWorkspaceBody = mergePatchSchema(workspaceSettings, 'WorkspacePatch', 'tierOverrides merge per KPI and per threshold (a KPI set to null goes back to the default thresholds, tierOverrides: null to all defaults); competitors: null empties the list; alertWebhookUrl, alertWebhookSecret and alertSlackWebhookUrl clear with null, alertEmailRecipients: null empties the list.');

export const alertWebhookTestSchema = z
  .object({
    delivered: z.boolean().describe('The webhook answered 2xx'),
    status: z.number().int().nullable().describe('Its HTTP status; null when it was not reached (refused address, DNS, timeout)'),
    error: z.string().nullable().describe('Why it was not delivered'),
    durationMs: z.number().int(),
  })
  .meta({ id: 'AlertWebhookTest' });

export const userSchema = z
  .object({ id: idSchema, email: z.string(), name: z.string(), role: z.enum(roles), createdAt: z.iso.datetime() })
  .meta({ id: 'User' });

export const createUserBody = z.object({
  email: z.email({ message: 'must be an e-mail address' }).max(254),
  name: z.string().trim().min(1).max(255),
  role: z.enum(roles),
});

export const apiKeySchema = z
  .object({
    id: idSchema,
    userId: idSchema,
    label: z.string(),
    prefix: z.string().describe('The first characters of the key, to recognise it'),
    role: z.enum(roles),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ApiKey' });

export const issuedKeySchema = z.object({
  apiKey: apiKeySchema,
  key: z.string().describe('The key itself: shown once, store it now'),
});

export const createUserResponse = z.object({ user: userSchema, apiKey: apiKeySchema, key: z.string().describe('Shown once') });

export const createApiKeyBody = z.object({ userId: idSchema, label: z.string().trim().min(1).max(255) });
