import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { reportCadences, scheduledReportKinds } from '../../core/report-schedule.ts';
import { baseProperties } from './base.properties.ts';
import { Campaign } from './campaign.entity.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A report an admin has sent on a cadence (weekly on a weekday, monthly on a day of the month, at an
// hour in UTC) to e-mail recipients and/or a Slack-compatible webhook. The queue's job scheduler
// carries the same id, so the schedule and its timer are one thing.
export const ReportSchedule = defineEntity({
  name: 'ReportSchedule',
  tableName: 'report_schedule',
  indexes: [{ properties: ['workspace', 'createdAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    name: p.string(),
    kind: p.enum(scheduledReportKinds),
    // The campaign report's campaign; the other kinds may narrow to one campaign too.
    campaign: () => p.manyToOne(Campaign).nullable().deleteRule('cascade'),
    cadence: p.enum(reportCadences),
    // Both days are kept; the cadence says which one the schedule sends on.
    // ISO weekday, 1 = Monday … 7 = Sunday.
    weekday: p.smallint().default(1),
    // 1–28, so every month has it.
    dayOfMonth: p.smallint().default(1),
    hourUtc: p.smallint(),
    emailRecipients: p.json<string[]>().default('[]').onCreate(() => []),
    slackWebhookUrl: p.string().length(2048).nullable(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    lastRunAt: p.datetime().nullable(),
  },
});
export type IReportSchedule = InferEntity<typeof ReportSchedule>;
