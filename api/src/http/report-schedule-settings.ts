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
// campaign for the campaign report, someone to send to) are checked on the whole, so a PATCH cannot
// leave a schedule that could not be created. A schedule keeps both its weekday and its day of the
// month; its cadence says which one it sends on, so switching cadence is one field.
export const reportScheduleFields = z.object({
  name: z.string().trim().min(1).max(255),
  kind: z.enum(scheduledReportKinds).describe('campaign: the campaign report, with its PDF attached; overview, comparison, brand_safety: those reports, narrowed to campaignId when set'),
  campaignId: idSchema.nullable().default(null).describe("The campaign reported on: required for the campaign report, optional for the others (narrows them to the campaign)"),
  cadence: z.enum(reportCadences),
  weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)').default(1).describe('The day a weekly schedule sends: ISO weekday, 1 = Monday … 7 = Sunday (kept, unused, while the schedule is monthly)'),
  dayOfMonth: z.number().int().min(1, 'must be 1 to 28').max(28, 'must be 1 to 28 (every month has it)').default(1).describe('The day a monthly schedule sends, 1–28 (kept, unused, while the schedule is weekly)'),
  hourUtc: z.number().int().min(0, 'must be 0 to 23').max(23, 'must be 0 to 23').describe('The hour it is sent, UTC'),
  emailRecipients: emailRecipients.default([]).describe('E-mail addresses the report is sent to'),
  slackWebhookUrl: slackWebhookUrl.nullable().default(null).describe('A Slack-compatible incoming webhook that gets a short text with the figures'),
});

export const reportScheduleSettings = reportScheduleFields.superRefine((schedule, context) => {
  if (schedule.kind === 'campaign' && !schedule.campaignId) context.addIssue({ code: 'custom', path: ['campaignId'], message: 'is required for the campaign report' });
  if (schedule.emailRecipients.length === 0 && schedule.slackWebhookUrl === null) context.addIssue({ code: 'custom', path: ['emailRecipients'], message: 'send it somewhere: at least one e-mail recipient or a Slack webhook' });
});

