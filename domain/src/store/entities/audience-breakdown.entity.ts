import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Post } from './post.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const breakdownDimensions = ['country', 'language'] as const;

// The share of a post's (or a source's) audience by country or language, when the platform gives
// it. Exactly one of post and source is set; a breakdown sent again for the same day replaces it.
export const AudienceBreakdown = defineEntity({
  name: 'AudienceBreakdown',
  tableName: 'audience_breakdown',
  uniques: [{ properties: ['post', 'dimension', 'key', 'capturedOn'] }, { properties: ['source', 'dimension', 'key', 'capturedOn'] }],
  indexes: [{ properties: ['workspace', 'capturedOn'] }],
  checks: [{ name: 'audience_breakdown_post_or_source', expression: '(post_id is null) <> (source_id is null)' }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    post: () => p.manyToOne(Post).nullable(),
    source: () => p.manyToOne(Source).nullable(),
    dimension: p.enum(breakdownDimensions),
    // ISO 3166-1 alpha-2 country or ISO 639-1 language code.
    key: p.string().length(8),
    share: p.double(),
    capturedOn: p.date(),
  },
});
export type IAudienceBreakdown = InferEntity<typeof AudienceBreakdown>;
