import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { Post } from './post.entity.ts';
import { Workspace } from './workspace.entity.ts';

// One audience comment on a tracked post. Unique per post and platform id, so re-sending an
// export never duplicates a comment.
export const Comment = defineEntity({
  name: 'Comment',
  tableName: 'comment',
  uniques: [{ properties: ['post', 'platformCommentId'] }],
  indexes: [{ properties: ['workspace', 'postedAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    post: () => p.manyToOne(Post),
    platformCommentId: p.string(),
    authorHandle: p.string().default(''),
    text: p.text(),
    postedAt: p.datetime(),
  },
});
export type IComment = InferEntity<typeof Comment>;
