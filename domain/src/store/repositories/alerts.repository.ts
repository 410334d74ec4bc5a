import type { EntityManager } from '@mikro-orm/postgresql';
import { query, uuidArray } from './sql.ts';

export type NewAlert = {
  workspaceId: string;
  sourceId: string;
  metric: 'negative_share' | 'flagged_share';
  day: string;
  share: number;
  baselineMean: number;
  baselineSd: number;
  comments: number;
};

// Stores spikes; a spike already stored (same character, metric and day) is left as it was, so
// detection can run as often as classifications arrive. Returns the ids of the new alerts only.
export async function insertAlerts(em: EntityManager, alerts: NewAlert[], now: Date): Promise<string[]> {
  if (alerts.length === 0) return [];
  const rows = await query<{ id: string }>(
    em,
    `insert into alert (id, created_at, updated_at, workspace_id, source_id, metric, day, share, baseline_mean, baseline_sd, comments, detected_at, delivery_attempts)
     select gen_random_uuid(), ?, ?, r.workspace_id, r.source_id, r.metric, r.day, r.share, r.baseline_mean, r.baseline_sd, r.comments, ?, 0
     from jsonb_to_recordset(?::jsonb) as r(workspace_id uuid, source_id uuid, metric text, day date, share double precision, baseline_mean double precision, baseline_sd double precision, comments int)
     on conflict (workspace_id, source_id, metric, day) do nothing
     returning id`,
    [now, now, now, JSON.stringify(alerts.map((a) => ({ workspace_id: a.workspaceId, source_id: a.sourceId, metric: a.metric, day: a.day, share: a.share, baseline_mean: a.baselineMean, baseline_sd: a.baselineSd, comments: a.comments })))],
  );
  return rows.map((row) => row.id);
}

export type AlertForDelivery = {
  id: string;
  workspaceId: string;
  sourceId: string;
  sourceName: string;
  metric: string;
  day: string;
  share: number;
  baselineMean: number;
  comments: number;
  detectedAt: Date;
  deliveredAt: Date | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  // The same alert by e-mail and to a Slack-compatible webhook.
  emailRecipients: string[];
  slackWebhookUrl: string | null;
};

// As pg returns them: numeric columns as strings, timestamptz as Date.
type AlertDeliveryRow = {
  id: string;
  workspace_id: string;
  source_id: string;
  source_name: string;
  metric: string;
  day: string;
  share: string | number;
  baseline_mean: string | number;
  comments: string | number;
  detected_at: Date | string;
  delivered_at: Date | string | null;
  alert_webhook_url: string | null;
  alert_webhook_secret: string | null;
  alert_email_recipients: string[];
  alert_slack_webhook_url: string | null;
};

export async function alertForDelivery(em: EntityManager, alertId: string): Promise<AlertForDelivery | null> {
  const [row] = await query<AlertDeliveryRow>(
    em,
    `select a.id, a.workspace_id, a.source_id, s.name as source_name, a.metric, to_char(a.day, 'YYYY-MM-DD') as day, a.share, a.baseline_mean, a.comments,
            a.detected_at, a.delivered_at, w.alert_webhook_url, w.alert_webhook_secret, w.alert_email_recipients, w.alert_slack_webhook_url
     from alert a join workspace w on w.id = a.workspace_id join source s on s.id = a.source_id where a.id = ?`,
    [alertId],
  );
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    metric: row.metric,
    day: row.day,
    share: Number(row.share),
    baselineMean: Number(row.baseline_mean),
    comments: Number(row.comments),
    detectedAt: new Date(String(row.detected_at)),
    deliveredAt: row.delivered_at ? new Date(String(row.delivered_at)) : null,
    webhookUrl: row.alert_webhook_url ?? null,
    webhookSecret: row.alert_webhook_secret ?? null,
    emailRecipients: row.alert_email_recipients,
    slackWebhookUrl: row.alert_slack_webhook_url ?? null,
  };
}

export async function recordAlertDelivery(em: EntityManager, alertId: string, outcome: { deliveredAt: Date } | { error: string }) {
  if ('deliveredAt' in outcome) {
    await query(em, `update alert set delivered_at = ?, delivery_attempts = delivery_attempts + 1, last_delivery_error = null, updated_at = ? where id = ?`, [outcome.deliveredAt, outcome.deliveredAt, alertId]);
  } else {
    await query(em, `update alert set delivery_attempts = delivery_attempts + 1, last_delivery_error = ?, updated_at = now() where id = ?`, [outcome.error.slice(0, 2000), alertId]);
  }
}

// The sources (characters, creators…) and days whose comments changed: spike detection runs per
// source and day.
export async function sourceDaysOfComments(em: EntityManager, commentIds: string[]) {
  if (commentIds.length === 0) return [];
  return query<{ workspace_id: string; source_id: string; day: string }>(
    em,
    `select distinct c.workspace_id, p.source_id, to_char(c.posted_at at time zone 'UTC', 'YYYY-MM-DD') as day
     from comment c join post p on p.id = c.post_id
     where c.id = any(?::uuid[])`,
    [uuidArray(commentIds)],
  );
}
