import { ApiKey } from './api-key.entity.ts';
import { AssetTransition } from './asset-transition.entity.ts';
import { Asset } from './asset.entity.ts';
import { Brief } from './brief.entity.ts';
import { Campaign } from './campaign.entity.ts';
import { Post } from './post.entity.ts';
import { Source } from './source.entity.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

export { ApiKey, Asset, AssetTransition, Brief, Campaign, Post, Source, User, Workspace };
export { roles, type Role } from './user.entity.ts';

// Listed explicitly (no folder discovery) so the ORM sees exactly these.
export const entities = [Workspace, User, ApiKey, Source, Campaign, Brief, Asset, AssetTransition, Post];
