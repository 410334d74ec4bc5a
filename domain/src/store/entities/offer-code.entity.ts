import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { attributionProperties } from './attribution.properties.ts';
import { baseProperties } from './base.properties.ts';

// A promo code issued for a campaign and source (and optionally one post); unique in a workspace.
export const OfferCode = defineEntity({
  name: 'OfferCode',
  tableName: 'offer_code',
  uniques: [{ properties: ['workspace', 'code'] }],
  indexes: [{ properties: ['workspace', 'campaign'] }],
  properties: {
    ...baseProperties,
    ...attributionProperties,
    code: p.string().length(64),
  },
});
export type IOfferCode = InferEntity<typeof OfferCode>;
