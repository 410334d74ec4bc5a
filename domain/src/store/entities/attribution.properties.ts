import { p } from '@mikro-orm/core';
import { Campaign } from './campaign.entity.ts';
import { Post } from './post.entity.ts';
import { Source } from './source.entity.ts';
import { Workspace } from './workspace.entity.ts';

// What a tracking link or an offer code is issued for: a campaign and source of a workspace, and
// optionally one post. Conversions through it are attributed to them.
export const attributionProperties = {
  workspace: () => p.manyToOne(Workspace),
  campaign: () => p.manyToOne(Campaign),
  source: () => p.manyToOne(Source),
  post: () => p.manyToOne(Post).nullable(),
};
