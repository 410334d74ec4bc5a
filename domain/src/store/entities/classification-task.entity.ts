import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Comment } from './comment.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const classificationTaskStates = ['pending', 'dispatched'] as const;

// The outbox: a row is written in the same transaction that accepts a comment, so the need to
// classify it survives Redis or every worker being down. The dispatcher moves pending rows to the
// queue; the classify handler deletes a row once its result is stored.
export const ClassificationTask = defineEntity({
  name: 'ClassificationTask',
  tableName: 'classification_task',
  // The dispatcher takes the oldest available tasks: an index on availableAt alone serves its ORDER BY.
  indexes: [{ properties: ['availableAt'] }],
  properties: {
    // One foreign key, (comment_id, workspace_id) -> comment (id, workspace_id), cascading; declared
    // by migration 20261204190000 (see Comment).
    comment: () => p.oneToOne(Comment).primary().deleteRule('cascade').createForeignKeyConstraint(false),
    workspace: () => p.manyToOne(Workspace).createForeignKeyConstraint(false),
    state: p.enum(classificationTaskStates).default('pending'),
    // A dispatched row that is not done by then is dispatched again (a queue may lose jobs).
    availableAt: p.datetime(),
    dispatchCount: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    // The API request whose comment (or import, or backfill) this is: the classify job logs it.
    requestId: p.string().nullable(),
  },
});
export type IClassificationTask = InferEntity<typeof ClassificationTask>;
