import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SENTIMENT_LABELS } from '../../core/safety-taxonomy.ts';
import { baseProperties } from './base.properties.ts';
import { ClassificationUsage } from './classification-usage.entity.ts';
import { Comment } from './comment.entity.ts';
import { Workspace } from './workspace.entity.ts';

// A comment's label from one classifier version. The unique key is what guarantees a comment is
// never classified twice by the same version, however often a job is retried.
// `current` marks the one classification every reader takes as the comment's (the newest by
// classified_at, then created_at, then id). Reports used to pick it per read with `distinct on`,
// sorting every classification of the scope's comments on each request; marking it when a
// classification is written makes the pick once per write instead of once per read. Triggers keep
// the mark (function comment_classification_mark_current, created by migration 20261204180000), so
// no writer can forget the rule; declared here with the migration's DDL so the schema diff keeps them.
const currentTriggers = [
  { name: 'comment_classification_current_insert', event: 'insert', rows: 'referencing new table as new_rows for each statement', forEach: 'statement' },
  { name: 'comment_classification_current_delete', event: 'delete', rows: 'referencing old table as old_rows for each statement', forEach: 'statement' },
  { name: 'comment_classification_current_update', event: 'update', on: ' of comment_id, classified_at, created_at', rows: 'for each row', forEach: 'row' },
] as const;
export const CommentClassification = defineEntity({
  name: 'CommentClassification',
  tableName: 'comment_classification',
  uniques: [
    { properties: ['comment', 'classifier', 'version'] },
    { name: 'comment_classification_current_unique', properties: ['comment'], where: { current: true } },
  ],
  indexes: [
    { properties: ['workspace', 'classifiedAt'] },
    { name: 'comment_classification_current_index', properties: ['workspace', 'comment'], where: { current: true } },
  ],
  triggers: currentTriggers.map((t) => ({
    name: t.name,
    timing: 'after' as const,
    events: [t.event],
    forEach: t.forEach,
    expression: `create trigger ${t.name} after ${t.event}${'on' in t ? t.on : ''} on comment_classification ${t.rows} execute function comment_classification_mark_current();`,
  })),
  properties: {
    ...baseProperties,
    // One foreign key, (comment_id, workspace_id) -> comment (id, workspace_id), checks both and
    // that the workspace is the comment's; declared by migration 20261204190000 (see Comment).
    workspace: () => p.manyToOne(Workspace).createForeignKeyConstraint(false),
    comment: () => p.manyToOne(Comment).createForeignKeyConstraint(false),
    classifier: p.string(),
    version: p.string(),
    sentiment: p.enum(SENTIMENT_LABELS),
    score: p.double(),
    flags: p.array(),
    mentionsCharacter: p.boolean(),
    /** ISO 639-1 code the classifier detected, 'und' when the text does not say; null when it was not detected. */
    language: p.string().length(16).nullable(),
    classifiedAt: p.datetime(),
    /** The comment's classification the reports and lists read; kept by the database (see above). */
    current: p.boolean().default(false),
    /** The usage row (batch, workspace, classifier) whose cost this classification shares; null before it was kept. */
    usage: () => p.manyToOne(ClassificationUsage).nullable().index().deleteRule('set null'),
  },
});
export type ICommentClassification = InferEntity<typeof CommentClassification>;
