import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { OfferCode } from './offer-code.entity.ts';
import { TrackingLink } from './tracking-link.entity.ts';
import { Workspace } from './workspace.entity.ts';

// What one tracking link or offer code brought on one day, as the user's analytics counted it
// (GA4, Shopify, AppsFlyer exports or the API). Exactly one of link and code is set; counts sent
// again for the same day replace the earlier ones.
export const ConversionCount = defineEntity({
  name: 'ConversionCount',
  tableName: 'conversion_count',
  uniques: [{ properties: ['link', 'day'] }, { properties: ['code', 'day'] }],
  indexes: [{ properties: ['workspace', 'day'] }],
  checks: [{ name: 'conversion_count_link_or_code', expression: '(link_id is null) <> (code_id is null)' }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    link: () => p.manyToOne(TrackingLink).nullable(),
    code: () => p.manyToOne(OfferCode).nullable(),
    day: p.date(),
    clicks: p.bigint('number').nullable(),
    sessions: p.bigint('number').nullable(),
    registrations: p.bigint('number').nullable(),
    targetActions: p.bigint('number').nullable(),
    sales: p.bigint('number').nullable(),
    revenueMinor: p.bigint('number').nullable(),
    currency: p.string().length(3),
  },
});
export type IConversionCount = InferEntity<typeof ConversionCount>;
