import type { MikroORM } from '@mikro-orm/postgresql';
import type { CommentClassifier } from '@persona-ops/domain/core';
import { loadCommentsForClassification, saveClassifications, sourceDaysOfComments } from '@persona-ops/domain/store';
import type { Enqueue, JobPayload } from '../contracts.ts';
import { mentionsName } from '../classifiers/offline/character-mentions.ts';

// Classifies a batch: re-reads which comments still need it, classifies those, stores the results
// and closes their tasks in one transaction. Errors propagate so BullMQ retries the batch.
// New results may make a day a spike: detection is queued per source and day, a little later, and
// its deterministic job id collapses the many batches of one busy day into one run.
const spikeDetectionDelayMs = 5_000;

export function classifyCommentsHandler(deps: { orm: MikroORM; classifier: CommentClassifier; enqueue: Enqueue; now?: () => Date }) {
  return async (payload: JobPayload<'classify-comments'>) => {
    const em = deps.orm.em.fork();
    const comments = await loadCommentsForClassification(em, payload.commentIds);
    if (comments.length === 0) return { classified: 0, skipped: payload.commentIds.length };
    const results = await deps.classifier.classify(comments.map((c) => ({ id: c.id, text: c.text, characterNames: c.characterNames })));
    const byId = new Map(comments.map((c) => [c.id, c]));
    const stored = await saveClassifications(
      em,
      results.map((result) => {
        const comment = byId.get(result.id);
        if (!comment) throw new Error(`The classifier answered for comment ${result.id}, which was not in the batch`);
        // The competitor list is the workspace's, so it is applied here, the same for every classifier.
        const flags = mentionsName(comment.text, comment.competitors) && !result.flags.includes('competitor') ? [...result.flags, 'competitor'] : result.flags;
        return { commentId: comment.id, workspaceId: comment.workspaceId, sentiment: result.sentiment, score: result.score, flags, mentionsCharacter: result.mentionsCharacter, classifier: result.classifier, version: result.version };
      }),
      deps.now?.() ?? new Date(),
    );
    for (const row of await sourceDaysOfComments(em, comments.map((c) => c.id))) {
      await deps.enqueue('detect-spikes', { workspaceId: row.workspace_id, sourceId: row.source_id, day: row.day }, { delay: spikeDetectionDelayMs });
    }
    return { classified: stored.stored, skipped: payload.commentIds.length - comments.length };
  };
}
