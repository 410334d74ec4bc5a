import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import type { MediaStorage, OutboundPolicy } from '@persona-ops/domain/core';
import type { Queues } from '@persona-ops/jobs/contracts';
import type { ConnectorSettings } from '@persona-ops/domain/connectors';
import { metricsPlugin } from './plugins/metrics.plugin.ts';
import { queueBoardPlugin } from './plugins/queue-board.plugin.ts';
import { requestIdPlugin } from './plugins/request-id.plugin.ts';
import { defaultRateLimits, securityPlugin, type RateLimits } from './plugins/security.plugin.ts';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { validatorCompiler } from './http/input-validation.ts';
import { auditPlugin } from './plugins/audit.plugin.ts';
import { authPlugin } from './plugins/auth.plugin.ts';
import { dbPlugin } from './plugins/db.plugin.ts';
import { errorsPlugin } from './plugins/errors.plugin.ts';
import { inputPlugin } from './plugins/input.plugin.ts';
import { swaggerPlugin } from './plugins/swagger.plugin.ts';
import { adminRoutes } from './routes/admin/admin.routes.ts';
import { alertRoutes } from './routes/alerts/alert.routes.ts';
import { auditLogRoutes } from './routes/audit-log/audit-log.routes.ts';
import { backfillRoutes } from './routes/classification/backfill.routes.ts';
import { assetRoutes } from './routes/assets/asset.routes.ts';
import { attributionRoutes } from './routes/attribution/attribution.routes.ts';
import { briefRoutes } from './routes/briefs/brief.routes.ts';
import { campaignRoutes } from './routes/campaigns/campaign.routes.ts';
import { commentRoutes } from './routes/comments/comment.routes.ts';
import { costLineRoutes } from './routes/cost-lines/cost-line.routes.ts';
import { metricRoutes } from './routes/metrics/metric.routes.ts';
import { fxRateRoutes } from './routes/fx-rates/fx-rate.routes.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { importRoutes } from './routes/imports/import.routes.ts';
import { importMappingRoutes } from './routes/imports/import-mapping.routes.ts';
import { unlinkedRowRoutes } from './routes/imports/unlinked-row.routes.ts';
import { paidTestRoutes } from './routes/paid-tests/paid-test.routes.ts';
import { postRoutes } from './routes/posts/post.routes.ts';
import { reportRoutes } from './routes/reports/report.routes.ts';
import { shareLinkRoutes } from './routes/share-links/share-link.routes.ts';
import { sourceRoutes } from './routes/sources/source.routes.ts';
import { reportScheduleRoutes } from './routes/report-schedules/report-schedule.routes.ts';
import { reportTimersOn, type ReportTimers } from './services/report-timers.ts';
import { connectionRoutes } from './routes/connections/connection.routes.ts';
import { mediaRoutes } from './routes/media/media.routes.ts';

/** The media storage and the largest file one upload may carry, in bytes (MEDIA_MAX_BYTES). */
export type MediaSettings = { storage: MediaStorage; maxBytes: number };

export type AppOptions = {
  orm: MikroORM;
  queues?: Queues;
  /** The operator password (OPERATOR_PASSWORD) of the queue board and /metrics; without it there are neither (nor a board without queues). */
  operatorPassword?: string;
  /** Where alert webhooks may point (ALERT_WEBHOOK_ALLOW_PRIVATE); by default public addresses only. */
  alertWebhookPolicy?: OutboundPolicy;
  /** Rate limits (RATE_LIMIT_*); by default 20 failed authentications and 6,000 requests a minute. */
  rateLimits?: RateLimits;
  /** PUBLIC_URL, the dashboard's public origin that share links point at; without it they are relative. */
  publicUrl?: string;
  /** The connectors' token keys, redirect URL and platform apps (CONNECTOR_*, YOUTUBE_*); without them connecting answers 409. */
  connectors?: ConnectorSettings;
  media: MediaSettings;
};

declare module 'fastify' {
  interface FastifyInstance {
    alertWebhookPolicy: OutboundPolicy;
    publicUrl: string | null;
    /** The job schedulers of the scheduled reports; null without queues (the report worker sets them when it starts). */
    reportTimers: ReportTimers | null;
    connectors: ConnectorSettings | undefined;
    media: MediaSettings;
  }
}

// The whole API as one plugin: api-server.ts and quick-start.ts listen, tests inject.
export async function app(instance: FastifyInstance, options: AppOptions) {
  instance.decorate('alertWebhookPolicy', options.alertWebhookPolicy ?? { allowPrivate: false });
  instance.decorate('publicUrl', options.publicUrl ?? null);
  instance.decorate('reportTimers', options.queues ? reportTimersOn(options.queues) : null);
  instance.decorate('connectors', options.connectors);
  instance.decorate('media', options.media);
  instance.setValidatorCompiler(validatorCompiler);
  instance.setSerializerCompiler(serializerCompiler);
  await instance.register(requestIdPlugin);
  // Before the others, so its latency histogram sees every route, the refused requests included.
  if (options.operatorPassword) await instance.register(metricsPlugin, { operatorPassword: options.operatorPassword, queues: options.queues });
  await instance.register(errorsPlugin);
  await instance.register(securityPlugin, options.rateLimits ?? defaultRateLimits);
  await instance.register(inputPlugin);
  await instance.register(swaggerPlugin);
  await instance.register(dbPlugin, { orm: options.orm });
  await instance.register(authPlugin);
  await instance.register(auditPlugin);

  if (options.queues && options.operatorPassword) await instance.register(queueBoardPlugin, { queues: options.queues, operatorPassword: options.operatorPassword });

  const routes = instance.withTypeProvider<ZodTypeProvider>();
  for (const plugin of [healthRoutes, adminRoutes, sourceRoutes, campaignRoutes, briefRoutes, assetRoutes, mediaRoutes, postRoutes, commentRoutes, metricRoutes, importRoutes, unlinkedRowRoutes, importMappingRoutes, attributionRoutes, costLineRoutes, fxRateRoutes, paidTestRoutes, alertRoutes, backfillRoutes, reportRoutes, shareLinkRoutes, auditLogRoutes, connectionRoutes]) {
    await routes.register(plugin);
  }
  await routes.register(reportScheduleRoutes);
}
