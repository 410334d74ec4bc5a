import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { paidTestKinds } from '../../core/vocabulary.ts';
import { baseProperties } from './base.properties.ts';
import { Campaign } from './campaign.entity.ts';
import { Workspace } from './workspace.entity.ts';

export { paidTestKinds };

// A paid-social test of a campaign: arms that ran side by side (e.g. the AI asset against the
// brand's usual creative), or a treatment against a holdout group for incrementality.
export const PaidTest = defineEntity({
  name: 'PaidTest',
  tableName: 'paid_test',
  indexes: [{ properties: ['workspace', 'campaign'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    campaign: () => p.manyToOne(Campaign),
    name: p.string(),
    kind: p.enum(paidTestKinds),
    startsOn: p.date(),
    endsOn: p.date(),
  },
});
export type IPaidTest = InferEntity<typeof PaidTest>;
