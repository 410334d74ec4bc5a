import { Alert } from './alert.entity.ts';
import { ApiKey } from './api-key.entity.ts';
import { AssetTransition } from './asset-transition.entity.ts';
import { Asset } from './asset.entity.ts';
import { Brief } from './brief.entity.ts';
import { Campaign } from './campaign.entity.ts';
import { ClassificationBackfill } from './classification-backfill.entity.ts';
import { ClassificationTask } from './classification-task.entity.ts';
import { ClassificationUsage } from './classification-usage.entity.ts';
import { CommentClassification } from './comment-classification.entity.ts';
import { Comment } from './comment.entity.ts';
import { Post } from './post.entity.ts';
import { Source } from './source.entity.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

export { Alert, ApiKey, Asset, AssetTransition, Brief, Campaign, ClassificationBackfill, ClassificationTask, ClassificationUsage, Comment, CommentClassification, Post, Source, User, Workspace };
export { roles, type Role } from './user.entity.ts';
export type { IAlert } from './alert.entity.ts';
export { alertMetrics } from './alert.entity.ts';
export type { IApiKey } from './api-key.entity.ts';
export type { IClassificationBackfill } from './classification-backfill.entity.ts';
export { backfillStates } from './classification-backfill.entity.ts';
export type { IAssetTransition } from './asset-transition.entity.ts';
export type { IAsset } from './asset.entity.ts';
export type { IBrief } from './brief.entity.ts';
export type { ICampaign } from './campaign.entity.ts';
export type { IPost } from './post.entity.ts';
export type { ISource } from './source.entity.ts';
export type { IUser } from './user.entity.ts';
export type { IWorkspace } from './workspace.entity.ts';
export type { IComment } from './comment.entity.ts';
export type { ICommentClassification } from './comment-classification.entity.ts';
export type { IClassificationTask } from './classification-task.entity.ts';

// Listed explicitly (no folder discovery) so the ORM sees exactly these.
export const entities = [Workspace, User, ApiKey, Source, Campaign, Brief, Asset, AssetTransition, Post, Comment, CommentClassification, ClassificationTask, Alert, ClassificationBackfill, ClassificationUsage];
