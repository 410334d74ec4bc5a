import { describe, expect, it } from 'vitest';
import { newFollowersLift } from './new-followers-lift.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('newFollowersLift', () => {
  // Campaign Mar 1–Mar 10 with a 7-day lag: window Mar 1 -> Mar 17 (16 days);
  // baseline over the 16 days before: Feb 13 -> Mar 1.
  const snapshots = [
    { date: d('2026-02-13'), followers: 10_000 },
    { date: d('2026-03-01'), followers: 10_800 }, // organic: +800 over 16 days = 50 a day
    { date: d('2026-03-17'), followers: 12_600 }, // +1,800 in the window
  ];

  it('is the window gain minus the baseline gain over as many days', () => {
    const r = newFollowersLift({ snapshots, campaignStart: d('2026-03-01'), campaignEnd: d('2026-03-10'), lagDays: 7 });
    expect(r.windowDays).toBe(16);
    expect(r.windowGain).toBe(1800);
    expect(r.baselineGain).toBe(800);
    expect(r.baselineDailyGain).toBe(50);
    expect(r.value).toBe(1000);
    expect(r.window.end.toISOString()).toBe('2026-03-17T00:00:00.000Z');
    expect(r.baselineWindow.start.toISOString()).toBe('2026-02-13T00:00:00.000Z');
    expect(r.missing).toBeNull();
  });

  it('interpolates between sparse snapshots but never extrapolates', () => {
    const sparse = [
      { date: d('2026-02-01'), followers: 10_000 },
      { date: d('2026-03-31'), followers: 12_900 }, // 58 days, 50 a day
    ];
    const r = newFollowersLift({ snapshots: sparse, campaignStart: d('2026-03-01'), campaignEnd: d('2026-03-10'), lagDays: 7 });
    // Feb 13 = 10,600; Mar 1 = 11,400; Mar 17 = 12,200: steady growth, no lift.
    expect(r.value).toBeCloseTo(0, 10);
    const missing = newFollowersLift({ snapshots, campaignStart: d('2026-03-01'), campaignEnd: d('2026-03-10') });
    expect(missing.value).toBeNull(); // default lag 14: window ends Mar 24, no count there
    expect(missing.missing).toBe('No follower count on or around 2026-02-06, 2026-03-24.');
  });

  it('only accepts a lag of 7 to 14 days', () => {
    const input = { snapshots, campaignStart: d('2026-03-01'), campaignEnd: d('2026-03-10') };
    expect(() => newFollowersLift({ ...input, lagDays: 6 })).toThrow(/7 to 14/);
    expect(() => newFollowersLift({ ...input, lagDays: 15 })).toThrow(/7 to 14/);
    expect(newFollowersLift({ ...input, lagDays: 14 }).lagDays).toBe(14);
    expect(() => newFollowersLift({ ...input, campaignEnd: d('2026-02-01') })).toThrow(/before/);
  });
});
