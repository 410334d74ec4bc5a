import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Post } from './post.entity.ts';
import { Workspace } from './workspace.entity.ts';

// One audience comment on a tracked post. Unique per post and platform id, so re-sending an
// export never duplicates a comment.
export const Comment = defineEntity({
  name: 'Comment',
  tableName: 'comment',
  // (id, workspace) is what the task's and the classifications' composite foreign keys reference.
  uniques: [{ properties: ['post', 'platformCommentId'] }, { properties: ['id', 'workspace'] }],
  indexes: [{ properties: ['workspace', 'postedAt'] }],
  properties: {
    ...baseProperties,
    // One foreign key checks both, (post_id, workspace_id) -> post (id, workspace_id): the comment's
    // workspace is its post's. The ORM cannot declare a key to a unique pair that is not the primary
    // key, so the migration does (20261204190000) and migration-create.ts keeps it.
    workspace: () => p.manyToOne(Workspace).createForeignKeyConstraint(false),
    post: () => p.manyToOne(Post).createForeignKeyConstraint(false),
    platformCommentId: p.string(),
    authorHandle: p.string().default(''),
    text: p.text(),
    postedAt: p.datetime(),
  },
});
export type IComment = InferEntity<typeof Comment>;
