// Scheduled reports: what may be scheduled, when a schedule fires, and which period a run covers.
// Pure: the moment of the run is passed in.

export const scheduledReportKinds = ['campaign', 'overview', 'comparison', 'brand_safety'] as const;
export type ScheduledReportKind = (typeof scheduledReportKinds)[number];
export const reportCadences = ['weekly', 'monthly'] as const;
export const deliveryChannels = ['email', 'slack'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
// pending: not tried yet; retrying: a send failed and another attempt is due; sent and failed are final.
export const deliveryOutcomes = ['pending', 'retrying', 'sent', 'failed'] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

export type Cadence =
  | { cadence: 'weekly'; weekday: number; hourUtc: number }
  | { cadence: 'monthly'; dayOfMonth: number; hourUtc: number };

/** Monday is 1, Sunday 7 (ISO 8601). */
export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const DAY_MS = 86_400_000;

/** The cadence as a six-field cron pattern (seconds first) in UTC; cron counts Sunday as 0. */
export function cronPatternOf(cadence: Cadence): string {
  return cadence.cadence === 'weekly' ? `0 0 ${cadence.hourUtc} * * ${cadence.weekday % 7}` : `0 0 ${cadence.hourUtc} ${cadence.dayOfMonth} * *`;
}

/** The first moment strictly after `after` when the schedule fires. */
export function nextRunOf(cadence: Cadence, after: Date): Date {
  const day = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
  if (cadence.cadence === 'weekly') {
    const isoWeekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    for (let ahead = 0; ahead <= 7; ahead += 1) {
      const candidate = day + ((cadence.weekday - isoWeekday + 7) % 7) * DAY_MS + ahead * 7 * DAY_MS + cadence.hourUtc * 3_600_000;
      if (candidate > after.getTime()) return new Date(candidate);
    }
  }
  const monthly = cadence as Extract<Cadence, { cadence: 'monthly' }>;
  for (let ahead = 0; ; ahead += 1) {
    const candidate = Date.UTC(after.getUTCFullYear(), after.getUTCMonth() + ahead, monthly.dayOfMonth, monthly.hourUtc);
    if (candidate > after.getTime()) return new Date(candidate);
  }
}

/**
 * The whole UTC days a run reports on: the week (or month) that ended at the start of the run's day.
 * A run on Monday 3 March covers 24 February to 2 March; a monthly run on 1 April covers March.
 */
export function reportPeriodOf(cadence: Pick<Cadence, 'cadence'>, runAt: Date): { from: string; to: string } {
  const end = Date.UTC(runAt.getUTCFullYear(), runAt.getUTCMonth(), runAt.getUTCDate());
  const start = cadence.cadence === 'weekly' ? end - 7 * DAY_MS : Date.UTC(runAt.getUTCFullYear(), runAt.getUTCMonth() - 1, runAt.getUTCDate());
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
