import { randomUUID } from 'node:crypto';
import { cronPatternOf, type Cadence } from '@persona-ops/domain/core';
import { enqueue, type Queues } from '@persona-ops/jobs/contracts';

export type TimedSchedule = { id: string; cadence: 'weekly' | 'monthly'; weekday: number; dayOfMonth: number; hourUtc: number };

/** A schedule's cadence as the core takes it: the day of its cadence, the other one left aside. */
export function cadenceOf(schedule: TimedSchedule): Cadence {
  return schedule.cadence === 'weekly' ? { cadence: 'weekly', weekday: schedule.weekday, hourUtc: schedule.hourUtc } : { cadence: 'monthly', dayOfMonth: schedule.dayOfMonth, hourUtc: schedule.hourUtc };
}

// A failed render (the database away, a report refusing) is tried again a few times, minutes apart.
const renderOptions = { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };

/**
 * The queue side of report schedules: one BullMQ job scheduler per schedule, with the schedule's
 * id, firing render-report at the schedule's hour in UTC; removed with the schedule.
 */
export type ReportTimers = {
  set(schedule: TimedSchedule): Promise<void>;
  remove(scheduleId: string): Promise<void>;
  /** Runs a schedule now, as a run of its own (its deliveries carry the returned run key). */
  sendNow(scheduleId: string): Promise<string>;
  /** The ids of every schedule with a timer. */
  scheduled(): Promise<string[]>;
};

export function reportTimersOn(queues: Queues): ReportTimers {
  const queue = queues.get('reports');
  if (!queue) throw new Error('The reports queue is not open');
  return {
    async set(schedule) {
      await queue.upsertJobScheduler(schedule.id, { pattern: cronPatternOf(cadenceOf(schedule)), tz: 'UTC' }, { name: 'render-report', data: { scheduleId: schedule.id }, opts: renderOptions });
    },
    async remove(scheduleId) {
      await queue.removeJobScheduler(scheduleId);
    },
    async sendNow(scheduleId) {
      const runKey = `manual-${randomUUID()}`;
      await enqueue(queues, 'render-report', { scheduleId, runKey }, renderOptions);
      return runKey;
    },
    async scheduled() {
      const ids: string[] = [];
      for (let start = 0; ; start += 500) {
        const page = await queue.getJobSchedulers(start, start + 499);
        ids.push(...page.map((scheduler) => scheduler.key));
        if (page.length < 500) return ids;
      }
    },
  };
}
