import { describe, expect, it } from 'vitest';
import type { CommentClassification, CommentToClassify } from '@persona-ops/domain/core';
import { createCascadeClassifier, type CascadeMember, type CascadeUsage } from './cascade-classifier.ts';

const comment = (id: string, text: string): CommentToClassify => ({ id, text, characterNames: [] });

/** Offline: sure (0.95) about texts with "love" or "hate", unsure (0.4) otherwise. */
function offlineClassifier(calls: string[][]): CascadeMember {
  return {
    name: 'offline',
    version: 'offline:1',
    async classify(comments) {
      calls.push(comments.map((c) => c.id));
      return comments.map((c): CommentClassification => {
        const sure = /love|hate/.test(c.text);
        return { id: c.id, sentiment: /love/.test(c.text) ? 'positive' : /hate/.test(c.text) ? 'negative' : 'neutral', score: sure ? 0.95 : 0.4, flags: [], mentionsCharacter: false, classifier: 'offline', version: 'offline:1' };
      }).reverse(); // matched by id, not by position
    },
  };
}

/** Remote: labels everything positive 0.8 with a flag; reports 10 tokens in and 5 out per comment. */
function remoteClassifier(calls: string[][], withUsage = true): CascadeMember {
  const classify = async (comments: CommentToClassify[]) => {
    calls.push(comments.map((c) => c.id));
    return comments.map((c): CommentClassification => ({ id: c.id, sentiment: 'positive', score: 0.8, flags: ['spam_scam'], mentionsCharacter: true, classifier: 'remote', version: 'remote:1' }));
  };
  if (!withUsage) return { name: 'remote', classify };
  return {
    name: 'remote',
    version: 'remote:1',
    classify,
    async classifyBatch(comments) {
      const usage: CascadeUsage = { promptTokens: 10 * comments.length, completionTokens: 5 * comments.length, costUsdMicros: 7, requests: 2 };
      return { results: await classify(comments), usage };
    },
  };
}

describe('cascade classifier', () => {
  const comments = [comment('a', 'love it'), comment('b', 'what is this'), comment('c', 'hate it'), comment('d', 'buy now')];

  it('keeps sure offline results and sends only the uncertain comments to the remote classifier', async () => {
    const offlineCalls: string[][] = [];
    const remoteCalls: string[][] = [];
    const cascade = createCascadeClassifier({ offline: offlineClassifier(offlineCalls), remote: remoteClassifier(remoteCalls), threshold: 0.9 });

    const { results, stats } = await cascade.classifyBatch(comments);

    expect(offlineCalls).toEqual([['a', 'b', 'c', 'd']]);
    expect(remoteCalls).toEqual([['b', 'd']]);
    expect(results.map((r) => [r.id, r.sentiment, r.classifier])).toEqual([
      ['a', 'positive', 'offline'],
      ['b', 'positive', 'remote'],
      ['c', 'negative', 'offline'],
      ['d', 'positive', 'remote'],
    ]);
    expect(results[1]).toMatchObject({ flags: ['spam_scam'], mentionsCharacter: true, version: 'remote:1' });
    expect(stats).toEqual({ offline: 2, remote: 2, usage: { promptTokens: 20, completionTokens: 10, costUsdMicros: 7, requests: 2 } });
    expect(cascade.version).toBe('cascade:0.9:offline:1+remote:1');
  });

  it('a score equal to the threshold is decided offline', async () => {
    const remoteCalls: string[][] = [];
    const cascade = createCascadeClassifier({ offline: offlineClassifier([]), remote: remoteClassifier(remoteCalls), threshold: 0.4 });
    const { stats } = await cascade.classifyBatch(comments);
    expect(remoteCalls).toEqual([]);
    expect(stats).toEqual({ offline: 4, remote: 0, usage: { promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 } });
  });

  it('works with a remote classifier that only implements the port (no usage)', async () => {
    const cascade = createCascadeClassifier({ offline: offlineClassifier([]), remote: remoteClassifier([], false), threshold: 0.9 });
    const results = await cascade.classify(comments);
    expect(results.map((r) => r.classifier)).toEqual(['offline', 'remote', 'offline', 'remote']);
    expect((await cascade.classifyBatch(comments)).stats.usage.requests).toBe(0);
  });

  it('empty input calls neither classifier', async () => {
    const offlineCalls: string[][] = [];
    const remoteCalls: string[][] = [];
    const cascade = createCascadeClassifier({ offline: offlineClassifier(offlineCalls), remote: remoteClassifier(remoteCalls), threshold: 0.5 });
    expect(await cascade.classifyBatch([])).toEqual({ results: [], stats: { offline: 0, remote: 0, usage: { promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 } }, usage: { promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 } });
    expect([offlineCalls, remoteCalls]).toEqual([[], []]);
  });

  it('a remote failure is thrown, not replaced by the offline guess', async () => {
    const failing: CascadeMember = { classify: async () => Promise.reject(new Error('remote down')) };
    const cascade = createCascadeClassifier({ offline: offlineClassifier([]), remote: failing, threshold: 0.9 });
    await expect(cascade.classify(comments)).rejects.toThrow('remote down');
  });

  it('a missing result from either classifier is an error', async () => {
    const dropping: CascadeMember = { classify: async (cs) => (await remoteClassifier([], false).classify(cs)).slice(1) };
    const cascade = createCascadeClassifier({ offline: offlineClassifier([]), remote: dropping, threshold: 0.9 });
    await expect(cascade.classify(comments)).rejects.toThrow(/remote classifier returned no result for comment\(s\) b/);
  });

  it('sends a sure comment in a language the offline classifier has no model for to the remote one, keeping the language', async () => {
    const remoteCalls: string[][] = [];
    const offline: CascadeMember = {
      name: 'offline',
      version: 'offline:1',
      classify: async (cs) => cs.map((c): CommentClassification => ({ id: c.id, sentiment: 'neutral', score: 0.99, flags: [], mentionsCharacter: false, classifier: 'offline', version: 'offline:1', language: c.id === 'nl' ? 'nl' : 'fr', languageSupported: c.id !== 'nl' })),
    };
    const cascade = createCascadeClassifier({ offline, remote: remoteClassifier(remoteCalls), threshold: 0.9 });
    const { results, stats } = await cascade.classifyBatch([comment('nl', 'Wat een mooie foto'), comment('fr', 'Quelle belle photo')]);
    expect(remoteCalls).toEqual([['nl']]);
    expect(results.map((r) => [r.id, r.classifier, r.language])).toEqual([['nl', 'remote', 'nl'], ['fr', 'offline', 'fr']]);
    expect(stats.remote).toBe(1);
  });

  it('rejects a threshold outside 0–1', () => {
    expect(() => createCascadeClassifier({ offline: offlineClassifier([]), remote: remoteClassifier([]), threshold: 1.5 })).toThrow(/between 0 and 1/);
  });
});
