import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SENTIMENT_LABELS } from '../../core/safety-taxonomy.ts';
import { baseProperties } from './base.properties.ts';
import { ClassificationUsage } from './classification-usage.entity.ts';
import { Comment } from './comment.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A comment's label from one classifier version. The unique key is what guarantees a comment is
// never classified twice by the same version, however often a job is retried.
export const CommentClassification = defineEntity({
  name: 'CommentClassification',
  tableName: 'comment_classification',
  uniques: [{ properties: ['comment', 'classifier', 'version'] }],
  indexes: [{ properties: ['workspace', 'classifiedAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    comment: () => p.manyToOne(Comment),
    classifier: p.string(),
    version: p.string(),
    sentiment: p.enum(SENTIMENT_LABELS),
    score: p.double(),
    flags: p.array(),
    mentionsCharacter: p.boolean(),
    /** ISO 639-1 code the classifier detected, 'und' when the text does not say; null when it was not detected. */
    language: p.string().length(16).nullable(),
    classifiedAt: p.datetime(),
    /** The usage row (batch, workspace, classifier) whose cost this classification shares; null before it was kept. */
    usage: () => p.manyToOne(ClassificationUsage).nullable().index().deleteRule('set null'),
  },
});
export type ICommentClassification = InferEntity<typeof CommentClassification>;
