// Where a KPI's value sits among its tier thresholds: four zones on one axis, for the charts that
// show a value against the benchmark instead of a bare number.
import { niceMax } from './chart-scale.ts';

export type Thresholds = { direction: 'higher_is_better' | 'lower_is_better'; average: number; strong: number; exceptional: number };
export type Zone = { tier: 'weak' | 'average' | 'strong' | 'exceptional'; x0: number; x1: number };

/**
 * The axis runs from 0 to a round number past the best cut point (or the value, if larger), so
 * the open-ended zone is visible. For a cost KPI the best zone is the one nearest 0.
 */
export function tierZones(t: Thresholds, value: number | null, width: number): { zones: Zone[]; marker: number | null; max: number } {
  const cuts = [t.average, t.strong, t.exceptional];
  const top = Math.max(...cuts);
  const max = niceMax(Math.max(top * 1.35, typeof value === 'number' && Number.isFinite(value) ? value : 0));
  const x = (v: number) => (Math.max(0, Math.min(max, v)) / max) * width;
  const zones: Zone[] =
    t.direction === 'higher_is_better'
      ? [
          { tier: 'weak', x0: 0, x1: x(t.average) },
          { tier: 'average', x0: x(t.average), x1: x(t.strong) },
          { tier: 'strong', x0: x(t.strong), x1: x(t.exceptional) },
          { tier: 'exceptional', x0: x(t.exceptional), x1: width },
        ]
      : [
          { tier: 'exceptional', x0: 0, x1: x(t.exceptional) },
          { tier: 'strong', x0: x(t.exceptional), x1: x(t.strong) },
          { tier: 'average', x0: x(t.strong), x1: x(t.average) },
          { tier: 'weak', x0: x(t.average), x1: width },
        ];
  const marker = typeof value === 'number' && Number.isFinite(value) ? x(value) : null;
  return { zones, marker, max };
}
