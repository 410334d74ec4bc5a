import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Workspace } from './workspace.entity.ts';

// A daily exchange rate the workspace supplied (entered or imported): on `day`, 1 `base` is worth
// `rate` `quote`. Exact decimal (numeric(28, 14)), never a float. One row per (workspace, day, base, quote);
// the conversion rules are domain/src/core/fx.ts.
export const FxRate = defineEntity({
  name: 'FxRate',
  tableName: 'fx_rate',
  uniques: [{ properties: ['workspace', 'day', 'base', 'quote'] }],
  checks: [
    { name: 'fx_rate_positive', expression: 'rate > 0' },
    { name: 'fx_rate_two_currencies', expression: 'base <> quote' },
  ],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    day: p.date(),
    base: p.string().length(3),
    quote: p.string().length(3),
    rate: p.decimal('string').precision(28).scale(14),
  },
});
export type IFxRate = InferEntity<typeof FxRate>;
