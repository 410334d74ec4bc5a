import { describe, expect, it } from 'vitest';
import { batchUsageShares, withCompetitorFlag } from './classification-usage.ts';

describe('batchUsageShares', () => {
  const decided = [
    { workspaceId: 'a', classifier: 'openai', version: 'p1' },
    { workspaceId: 'a', classifier: 'openai', version: 'p1' },
    { workspaceId: 'a', classifier: 'openai', version: 'p1' },
    { workspaceId: 'b', classifier: 'openai', version: 'p1' },
    { workspaceId: 'b', classifier: 'offline', version: '3' },
  ];

  it('shares what a paid classifier spent among the workspaces by the comments it decided for each', () => {
    const rows = batchUsageShares(decided, { promptTokens: 1_000, completionTokens: 200, costUsdMicros: 4_001, requests: 1 });
    expect(rows).toEqual([
      { workspaceId: 'a', classifier: 'openai', version: 'p1', comments: 3, promptTokens: 750, completionTokens: 150, costUsdMicros: 3_001, requests: 1 },
      { workspaceId: 'b', classifier: 'openai', version: 'p1', comments: 1, promptTokens: 250, completionTokens: 50, costUsdMicros: 1_000, requests: 0 },
      { workspaceId: 'b', classifier: 'offline', version: '3', comments: 1, promptTokens: 0, completionTokens: 0, costUsdMicros: 0, requests: 0 },
    ]);
  });

  it('counts the comments even when the classifier reported no usage', () => {
    expect(batchUsageShares(decided, undefined).map((row) => [row.workspaceId, row.classifier, row.comments, row.costUsdMicros])).toEqual([['a', 'openai', 3, 0], ['b', 'openai', 1, 0], ['b', 'offline', 1, 0]]);
  });
});

describe('withCompetitorFlag', () => {
  it('adds competitor once when the comment names a competitor, and leaves the flags alone otherwise', () => {
    expect(withCompetitorFlag(['spam_scam'], true)).toEqual(['spam_scam', 'competitor']);
    expect(withCompetitorFlag(['competitor'], true)).toEqual(['competitor']);
    expect(withCompetitorFlag(['spam_scam'], false)).toEqual(['spam_scam']);
  });
});
