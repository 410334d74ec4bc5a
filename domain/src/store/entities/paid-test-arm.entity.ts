import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { paidTestArmRoles } from '../../core/vocabulary.ts';
import { baseProperties } from './base.properties.ts';
import { Asset } from './asset.entity.ts';
import { PaidTest } from './paid-test.entity.ts';
import { Workspace } from './workspace.entity.ts';

export { paidTestArmRoles };

// One arm of a paid test with what it spent and brought. A holdout arm has no spend: its audience
// size and conversions are the baseline the treatment's conversion rate is compared with.
export const PaidTestArm = defineEntity({
  name: 'PaidTestArm',
  tableName: 'paid_test_arm',
  uniques: [{ properties: ['test', 'name'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace).index(),
    test: () => p.manyToOne(PaidTest),
    name: p.string(),
    role: p.enum(paidTestArmRoles),
    asset: () => p.manyToOne(Asset).nullable(),
    aiGenerated: p.boolean().default(false),
    spendMinor: p.bigint('number').default(0),
    currency: p.string().length(3),
    audience: p.bigint('number').nullable(),
    impressions: p.bigint('number').nullable(),
    clicks: p.bigint('number').nullable(),
    conversions: p.bigint('number').nullable(),
  },
});
export type IPaidTestArm = InferEntity<typeof PaidTestArm>;
