import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { attributionProperties } from './attribution.properties.ts';
import { baseProperties } from './base.properties.ts';

// A UTM-tagged link issued for a campaign and source (and optionally one post), so clicks and what
// follows can be traced back to them.
export const TrackingLink = defineEntity({
  name: 'TrackingLink',
  tableName: 'tracking_link',
  indexes: [{ properties: ['workspace', 'campaign'] }],
  properties: {
    ...baseProperties,
    ...attributionProperties,
    landingUrl: p.string().length(2048),
    utmSource: p.string(),
    utmMedium: p.string(),
    utmCampaign: p.string(),
    utmContent: p.string(),
    url: p.string().length(4096),
  },
});
export type ITrackingLink = InferEntity<typeof TrackingLink>;
