/**
 * A cascade of two comment classifiers: the offline one labels every comment; the comments it is
 * sure about (score >= threshold) in a language it has a model for keep its result, and the
 * uncertain ones and those in a language it does not support (languageSupported false) go to the
 * remote one (OpenAI), whose result then replaces the offline one whole (sentiment, flags, mention,
 * classifier and version; the language the offline classifier detected is kept when the remote
 * one names none). A remote failure is thrown, not papered over with the offline guess:
 * the job retries, and the job layer decides what to do once retries run out.
 */
import type { ClassifierUsage, CommentClassification, CommentClassifier, CommentToClassify } from '@persona-ops/domain/core';

/** What a remote classifier spent (same shape as the OpenAI adapter's usage). */
export type CascadeUsage = ClassifierUsage;

/** A classifier that may carry a name and version, and may report its usage per call. */
export type CascadeMember = CommentClassifier & {
  readonly name?: string;
  readonly version?: string;
};

export type CascadeStats = {
  /** Comments decided by the offline classifier. */
  offline: number;
  /** Comments sent to the remote classifier. */
  remote: number;
  /** The remote classifier's usage (zeros when it was not called or does not report usage). */
  usage: CascadeUsage;
};

export type CascadeClassifier = Omit<CommentClassifier, 'classifyBatch'> & {
  readonly name: 'cascade';
  /** `cascade:<threshold>:<offline version>+<remote version>` */
  readonly version: string;
  classifyBatch(comments: CommentToClassify[]): Promise<{ results: CommentClassification[]; stats: CascadeStats; usage: CascadeUsage }>;
};

export type CascadeOptions = {
  offline: CascadeMember;
  remote: CascadeMember;
  /** 0–1: an offline score at or above it is trusted. */
  threshold: number;
};

const noUsage = (): CascadeUsage => ({ promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 });

/** The results of `classifier` by comment id, checking there is one for every comment. */
function byId(results: CommentClassification[], comments: CommentToClassify[], who: string): Map<string, CommentClassification> {
  const map = new Map(results.map((result) => [result.id, result]));
  const missing = comments.filter((comment) => !map.has(comment.id)).map((comment) => comment.id);
  if (missing.length > 0) throw new Error(`The ${who} classifier returned no result for comment(s) ${missing.slice(0, 5).join(', ')}.`);
  return map;
}

export function createCascadeClassifier({ offline, remote, threshold }: CascadeOptions): CascadeClassifier {
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new TypeError(`createCascadeClassifier: threshold must be between 0 and 1, got ${threshold}.`);
  }

  async function classifyBatch(comments: CommentToClassify[]) {
    if (comments.length === 0) return { results: [], stats: { offline: 0, remote: 0, usage: noUsage() }, usage: noUsage() };
    const offlineResults = byId(await offline.classify(comments), comments, 'offline');
    const uncertain = comments.filter((comment) => {
      const result = offlineResults.get(comment.id);
      return result?.languageSupported === false || !((result?.score ?? Number.NaN) >= threshold);
    });

    let remoteResults = new Map<string, CommentClassification>();
    let usage = noUsage();
    if (uncertain.length > 0) {
      if (remote.classifyBatch) {
        const answer = await remote.classifyBatch(uncertain);
        remoteResults = byId(answer.results, uncertain, 'remote');
        usage = answer.usage ?? noUsage();
      } else {
        remoteResults = byId(await remote.classify(uncertain), uncertain, 'remote');
      }
    }

    const results = comments.map((comment) => {
      const local = offlineResults.get(comment.id);
      const remoteResult = remoteResults.get(comment.id);
      const result = remoteResult === undefined || remoteResult.language !== undefined || local?.language === undefined
        ? remoteResult ?? local
        : { ...remoteResult, language: local.language };
      if (!result) throw new Error(`No result for comment ${comment.id}.`);
      return result;
    });
    return { results, stats: { offline: comments.length - uncertain.length, remote: uncertain.length, usage }, usage };
  }

  return {
    name: 'cascade',
    version: `cascade:${threshold}:${offline.version ?? offline.name ?? 'offline'}+${remote.version ?? remote.name ?? 'remote'}`,
    classifyBatch,
    async classify(comments) {
      return (await classifyBatch(comments)).results;
    },
  };
}
