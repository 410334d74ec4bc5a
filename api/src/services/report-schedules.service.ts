import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { nextRunOf, type OutboundPolicy } from '@persona-ops/domain/core';
import { Campaign, ReportDelivery, ReportSchedule, User, recordAudit, type IReportDelivery, type IReportSchedule } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';
import { applyMergePatch, currentState, type MergePatch } from '../http/merge-patch.ts';
import { reportScheduleSettings } from '../http/report-schedule-settings.ts';
import { findOwned } from './owned.ts';
import { assertOutboundTarget } from './outbound-target.ts';
import { paginate, type PageRequest } from './pagination.ts';
import { cadenceOf, type ReportTimers } from './report-timers.ts';

type Settings = z.output<typeof reportScheduleSettings>;

export function toReportScheduleDto(schedule: IReportSchedule, now: Date) {
  return {
    id: schedule.id,
    name: schedule.name,
    kind: schedule.kind,
    campaignId: schedule.campaign?.id ?? null,
    cadence: schedule.cadence,
    weekday: schedule.weekday,
    dayOfMonth: schedule.dayOfMonth,
    hourUtc: schedule.hourUtc,
    emailRecipients: schedule.emailRecipients,
    slackWebhookUrl: schedule.slackWebhookUrl ?? null,
    nextRunAt: nextRunOf(cadenceOf(schedule), now).toISOString(),
    lastRunAt: schedule.lastRunAt?.toISOString() ?? null,
    createdAt: schedule.createdAt.toISOString(),
  };
}

export function toReportDeliveryDto(delivery: IReportDelivery) {
  return {
    id: delivery.id,
    scheduleId: delivery.schedule?.id ?? null,
    alertId: delivery.alert?.id ?? null,
    runKey: delivery.runKey,
    channel: delivery.channel,
    recipient: delivery.recipient,
    outcome: delivery.outcome,
    error: delivery.error ?? null,
    attempts: delivery.attempts,
    subject: delivery.subject,
    hasAttachment: delivery.attachmentName !== null && delivery.outcome !== 'sent' && delivery.outcome !== 'failed',
    attachmentName: delivery.attachmentName ?? null,
    sentAt: delivery.sentAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

const slackTarget = { field: 'body.slackWebhookUrl', what: 'Slack webhook' };

async function assign(em: EntityManager, workspaceId: string, schedule: IReportSchedule, changes: Partial<Settings>) {
  const { campaignId, ...rest } = changes;
  if (campaignId !== undefined) schedule.campaign = campaignId === null ? null : await findOwned(em, Campaign, 'campaign', campaignId, workspaceId);
  em.assign(schedule, rest);
}

export async function listReportSchedules(em: EntityManager, workspaceId: string) {
  return em.find(ReportSchedule, { workspace: workspaceId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export async function getReportSchedule(em: EntityManager, workspaceId: string, id: string) {
  return findOwned(em, ReportSchedule, 'report schedule', id, workspaceId);
}

export async function createReportSchedule(em: EntityManager, principal: { workspaceId: string; userId: string }, input: Settings, policy: OutboundPolicy) {
  assertOutboundTarget(input.slackWebhookUrl, slackTarget, policy);
  const { campaignId, ...rest } = input;
  const campaign = campaignId ? await findOwned(em, Campaign, 'campaign', campaignId, principal.workspaceId) : null;
  const schedule = em.create(ReportSchedule, { workspace: principal.workspaceId, createdBy: em.getReference(User, principal.userId), campaign, ...rest });
  await em.flush();
  return schedule;
}

/** A merge patch: the schedule after it is validated whole, so it stays one that could be created. */
export async function updateReportSchedule(em: EntityManager, workspaceId: string, id: string, patch: MergePatch<z.input<typeof reportScheduleSettings>>, policy: OutboundPolicy) {
  const schedule = await getReportSchedule(em, workspaceId, id);
  const current = { ...currentState(reportScheduleSettings, schedule), campaignId: schedule.campaign?.id ?? null };
  const changes = applyMergePatch(reportScheduleSettings, current, patch);
  if (changes.slackWebhookUrl !== schedule.slackWebhookUrl) assertOutboundTarget(changes.slackWebhookUrl, slackTarget, policy);
  await assign(em, workspaceId, schedule, changes);
  await em.flush();
  return schedule;
}

export async function deleteReportSchedule(em: EntityManager, workspaceId: string, id: string) {
  const schedule = await getReportSchedule(em, workspaceId, id);
  await em.remove(schedule).flush();
  return schedule;
}

/**
 * Queues a run of the schedule now. The report goes out of the workspace, so it is recorded in the
 * audit log like a download (export), with who it went to.
 */
export async function sendReportNow(em: EntityManager, workspaceId: string, id: string, timers: ReportTimers | null) {
  const schedule = await getReportSchedule(em, workspaceId, id);
  if (!timers) throw new ApiError(503, 'queue_unavailable', 'This API runs without the job queues, so nothing can be sent from it. Start it with the queues (pnpm start, or the API with REDIS_URL).');
  const runKey = await timers.sendNow(schedule.id);
  const recipients = [...schedule.emailRecipients, ...(schedule.slackWebhookUrl ? [`slack:${new URL(schedule.slackWebhookUrl).host}`] : [])];
  await recordAudit(em, { workspaceId, action: 'export', entityType: 'report_schedule', entityId: schedule.id, details: { report: schedule.kind, runKey, recipients } });
  return { scheduleId: schedule.id, runKey };
}

export async function listReportDeliveries(em: EntityManager, workspaceId: string, filters: { scheduleId?: string | undefined; alertId?: string | undefined; outcome?: IReportDelivery['outcome'] | undefined }, page: PageRequest) {
  if (filters.scheduleId) await getReportSchedule(em, workspaceId, filters.scheduleId);
  return paginate(em, ReportDelivery, {
    workspace: workspaceId,
    ...(filters.scheduleId ? { schedule: filters.scheduleId } : {}),
    ...(filters.alertId ? { alert: filters.alertId } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
  }, page);
}
