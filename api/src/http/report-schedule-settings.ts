import { z } from 'zod';
import { reportCadences, scheduledReportKinds } from '@persona-ops/domain/core';
import { idSchema } from './common.schemas.ts';

export const MAX_RECIPIENTS = 50;

export const emailRecipients = z
  .array(z.email({ message: 'must be an e-mail address' }).max(254))
  .max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`)
  .refine((list) => new Set(list.map((address) => address.toLowerCase())).size === list.length, { message: 'lists an address twice' });

export const slackWebhookUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048);

// A schedule whole: what a created or patched schedule must be. The rules between fields (a
// campaign for the campaign report, the weekday of a weekly one, someone to send to) are checked on
// the whole, so a PATCH cannot leave a schedule that could not be created.
export const reportScheduleFields = z.object({
  name: z.string().trim().min(1).max(255),
  kind: z.enum(scheduledReportKinds).describe('campaign: the campaign report, with its PDF attached; overview, comparison, brand_safety: those reports, narrowed to campaignId when set'),
  campaignId: idSchema.nullable().default(null).describe("The campaign reported on: required for the campaign report, optional for the others (narrows them to the campaign)"),
  cadence: z.enum(reportCadences),
  weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)').nullable().default(null).describe('Weekly: ISO weekday, 1 = Monday … 7 = Sunday'),
  dayOfMonth: z.number().int().min(1, 'must be 1 to 28').max(28, 'must be 1 to 28 (every month has it)').nullable().default(null).describe('Monthly: the day of the month, 1–28'),
  hourUtc: z.number().int().min(0, 'must be 0 to 23').max(23, 'must be 0 to 23').describe('The hour it is sent, UTC'),
  emailRecipients: emailRecipients.default([]).describe('E-mail addresses the report is sent to'),
  slackWebhookUrl: slackWebhookUrl.nullable().default(null).describe('A Slack-compatible incoming webhook that gets a short text with the figures'),
});

export const reportScheduleSettings = reportScheduleFields.superRefine((schedule, context) => {
  if (schedule.kind === 'campaign' && !schedule.campaignId) context.addIssue({ code: 'custom', path: ['campaignId'], message: 'is required for the campaign report' });
  if (schedule.cadence === 'weekly' && schedule.weekday === null) context.addIssue({ code: 'custom', path: ['weekday'], message: 'is required for a weekly schedule' });
  if (schedule.cadence === 'weekly' && schedule.dayOfMonth !== null) context.addIssue({ code: 'custom', path: ['dayOfMonth'], message: 'is for a monthly schedule; clear it (null) for a weekly one' });
  if (schedule.cadence === 'monthly' && schedule.dayOfMonth === null) context.addIssue({ code: 'custom', path: ['dayOfMonth'], message: 'is required for a monthly schedule' });
  if (schedule.cadence === 'monthly' && schedule.weekday !== null) context.addIssue({ code: 'custom', path: ['weekday'], message: 'is for a weekly schedule; clear it (null) for a monthly one' });
  if (schedule.emailRecipients.length === 0 && schedule.slackWebhookUrl === null) context.addIssue({ code: 'custom', path: ['emailRecipients'], message: 'send it somewhere: at least one e-mail recipient or a Slack webhook' });
});

