import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { costBases, costKinds, costSplitRules, costStatuses } from '../../core/campaign-cost.ts';
import { baseProperties } from './base.properties.ts';
import { Campaign } from './campaign.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// What a source costs on a campaign (a creator fee, usage rights, seeding, commission, a boost),
// dated and in a currency; a line without a source is shared by the campaign's sources under
// `split`. `externalId` is the user's own key for a line, so a bulk or CSV upload sent again
// updates instead of doubling.
export const CostLine = defineEntity({
  name: 'CostLine',
  tableName: 'cost_line',
  uniques: [{ properties: ['workspace', 'externalId'] }],
  indexes: [{ properties: ['workspace', 'campaign'] }, { properties: ['workspace', 'source'] }],
  checks: [{ name: 'cost_line_split_when_shared', expression: '(source_id is null) = (split is not null)' }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    campaign: () => p.manyToOne(Campaign),
    source: () => p.manyToOne(Source).nullable().deleteRule('restrict'),
    externalId: p.string().nullable(),
    kind: p.enum(costKinds),
    basis: p.enum(costBases),
    unitAmountMinor: p.bigint('number'),
    deliverables: p.integer().default(1),
    currency: p.string().length(3),
    incurredOn: p.date(),
    status: p.enum(costStatuses),
    split: p.enum(costSplitRules).nullable(),
    shares: p.json<Record<string, number>>().nullable(),
    note: p.string().nullable(),
  },
});
export type ICostLine = InferEntity<typeof CostLine>;
