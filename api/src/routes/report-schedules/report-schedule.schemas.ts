import { z } from 'zod';
import { deliveryChannels, deliveryOutcomes, reportCadences, scheduledReportKinds } from '@persona-ops/domain/core';
import { reportScheduleSettings } from '../../http/report-schedule-settings.ts';
import { idSchema, pageOf, paginationQuery } from '../../http/common.schemas.ts';
import { mergePatchSchema } from '../../http/merge-patch.ts';

export const createReportScheduleBody = reportScheduleSettings;
export const updateReportScheduleBody = mergePatchSchema(reportScheduleSettings, 'ReportSchedulePatch', 'campaignId and slackWebhookUrl clear with null, emailRecipients: null empties the list, weekday and dayOfMonth go back to 1; the schedule after the change must still be complete (a campaign for the campaign report, someone to send to).');

export const reportScheduleSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    kind: z.enum(scheduledReportKinds),
    campaignId: idSchema.nullable(),
    cadence: z.enum(reportCadences),
    weekday: z.number().int().describe('ISO weekday a weekly schedule sends on'),
    dayOfMonth: z.number().int().describe('Day of the month a monthly schedule sends on'),
    hourUtc: z.number().int(),
    emailRecipients: z.array(z.string()),
    slackWebhookUrl: z.string().nullable().describe('Admins only (it is a credential), like every schedule route'),
    nextRunAt: z.iso.datetime().describe('When it is sent next'),
    lastRunAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ReportSchedule' });

export const reportDeliverySchema = z
  .object({
    id: idSchema,
    scheduleId: idSchema.nullable().describe('The schedule whose run this is (null for an alert, or once the schedule is deleted)'),
    alertId: idSchema.nullable().describe('The brand-safety alert this message is about'),
    runKey: z.string().describe('The run: scheduled-<time it was due>, manual-<id> for a send now, alert-<alert id>'),
    channel: z.enum(deliveryChannels),
    recipient: z.string().describe("The e-mail address, or the Slack webhook's host"),
    outcome: z.enum(deliveryOutcomes).describe('pending: not tried yet; retrying: an attempt failed, another is due; sent and failed are final'),
    error: z.string().nullable().describe("The last failed attempt's reason"),
    attempts: z.number().int(),
    subject: z.string(),
    hasAttachment: z.boolean().describe('Whether the message carries the PDF (until its final outcome)'),
    attachmentName: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ReportDelivery' });

export const listDeliveriesQuery = z.object({
  scheduleId: idSchema.optional(),
  alertId: idSchema.optional(),
  outcome: z.enum(deliveryOutcomes).optional(),
  ...paginationQuery(['createdAt'] as const, 'createdAt'),
});

export const reportSchedulePage = z.object({ items: z.array(reportScheduleSchema) });
export const reportDeliveryPage = pageOf(reportDeliverySchema);
export const sendNowResponse = z.object({ scheduleId: idSchema, runKey: z.string().describe('The run the deliveries will carry') });
