import type { MikroORM } from '@mikro-orm/postgresql';
import { batchUsageShares, withCompetitorFlag, type CommentClassifier } from '@persona-ops/domain/core';
import { loadCommentsForClassification, saveClassifications } from '@persona-ops/domain/store';
import type { Enqueue, JobPayload } from '../contracts.ts';
import { mentionsName } from '../classifiers/offline/character-mentions.ts';

// Classifies a batch: re-reads which comments still need it, classifies those, stores the results
// and closes their tasks in one statement. Errors propagate so BullMQ retries the batch.
// Round trips per batch: one read (the comments, with their source and day) and one statement (the
// usage rows, the results inserted from column arrays, the tasks deleted), atomic on its own.
// New results may make a day a spike: detection is queued per source and day, a minute later, and
// its deterministic job id collapses every batch of that minute into one run (detection reads 30
// days of a source's comments, so running it per batch would cost more than classifying).
const defaultSpikeDetectionDelayMs = 60_000;

// `onClassified`: told the decisions once they are stored (the workers' classifier metrics).
export function classifyCommentsHandler(deps: { orm: MikroORM; classifier: CommentClassifier; enqueue: Enqueue; spikeDetectionDelayMs?: number; now?: () => Date; onClassified?: (decided: ReadonlyArray<{ classifier: string; sentiment: string; flags: readonly string[] }>) => void }) {
  return async (payload: JobPayload<'classify-comments'>) => {
    const em = deps.orm.em.fork();
    const comments = await loadCommentsForClassification(em, payload.commentIds);
    if (comments.length === 0) return { classified: 0, skipped: payload.commentIds.length };
    const input = comments.map((c) => ({ id: c.id, text: c.text, characterNames: c.characterNames }));
    const { results, usage } = deps.classifier.classifyBatch ? await deps.classifier.classifyBatch(input) : { results: await deps.classifier.classify(input), usage: undefined };
    const byId = new Map(comments.map((c) => [c.id, c]));
    const decided = results.map((result) => {
      const comment = byId.get(result.id);
      if (!comment) throw new Error(`The classifier answered for comment ${result.id}, which was not in the batch`);
      const flags = withCompetitorFlag(result.flags, mentionsName(comment.text, comment.competitors));
      return { commentId: comment.id, workspaceId: comment.workspaceId, sentiment: result.sentiment, score: result.score, flags, mentionsCharacter: result.mentionsCharacter, language: result.language ?? null, classifier: result.classifier, version: result.version };
    });
    const now = deps.now?.() ?? new Date();
    // The batch's usage and its results in one statement; each result names the usage row of its
    // workspace, classifier and version, so a report on some comments counts only their share of
    // what the batch cost.
    const stored = await saveClassifications(em, decided, now, batchUsageShares(decided, usage));
    deps.onClassified?.(decided);
    for (const row of sourceDays(comments)) {
      await deps.enqueue('detect-spikes', row, { delay: deps.spikeDetectionDelayMs ?? defaultSpikeDetectionDelayMs });
    }
    return { classified: stored.stored, skipped: payload.commentIds.length - comments.length };
  };
}

// The sources and UTC days the batch's comments fall on, once each: spike detection runs per source and day.
export function sourceDays(comments: ReadonlyArray<{ workspaceId: string; sourceId: string; day: string }>) {
  const seen = new Map<string, { workspaceId: string; sourceId: string; day: string }>();
  for (const c of comments) seen.set(`${c.workspaceId}|${c.sourceId}|${c.day}`, { workspaceId: c.workspaceId, sourceId: c.sourceId, day: c.day });
  return [...seen.values()];
}
