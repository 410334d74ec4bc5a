import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { deliveryChannels, deliveryOutcomes } from '../../core/report-schedule.ts';
import { baseProperties } from './base.properties.ts';
import { Alert } from './alert.entity.ts';
import { ReportSchedule } from './report-schedule.entity.ts';
import { Workspace } from './workspace.entity.ts';

// One message to one recipient: a scheduled report's run or a brand-safety alert, by e-mail or to a
// Slack-compatible webhook. The message is composed once when the run is rendered, so every retry
// sends the same text and attachment; the outcome, attempts and last error are what admins read.
// A Slack recipient is the webhook's host only: its URL (a credential) stays on the schedule or
// the workspace and is read at send time.
export const ReportDelivery = defineEntity({
  name: 'ReportDelivery',
  tableName: 'report_delivery',
  uniques: [{ properties: ['workspace', 'runKey', 'channel', 'recipient'] }],
  indexes: [{ properties: ['workspace', 'createdAt'] }, { properties: ['schedule'] }, { properties: ['alert'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    // Kept when the schedule is deleted: the history stays readable.
    schedule: () => p.manyToOne(ReportSchedule).nullable().deleteRule('set null'),
    alert: () => p.manyToOne(Alert).nullable().deleteRule('cascade'),
    // What makes a run unique: the schedule's occurrence (or a manual send), or the alert.
    runKey: p.string(),
    channel: p.enum(deliveryChannels),
    recipient: p.string(),
    outcome: p.enum(deliveryOutcomes),
    error: p.text().nullable(),
    attempts: p.integer().default(0),
    sentAt: p.datetime().nullable(),
    subject: p.text(),
    text: p.text(),
    // The campaign report's PDF; dropped once the delivery has its final outcome.
    attachment: p.blob().nullable().lazy(),
    attachmentName: p.string().nullable(),
  },
});
export type IReportDelivery = InferEntity<typeof ReportDelivery>;
