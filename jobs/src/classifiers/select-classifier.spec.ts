import { describe, expect, it } from 'vitest';
import { loadJobsConfig } from '../config.ts';
import { selectClassifier } from './select-classifier.ts';

describe('selectClassifier', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x' };
  it('is offline without an OpenAI key (an empty key counts as none)', () => {
    const selected = selectClassifier(loadJobsConfig({ ...base, OPENAI_API_KEY: '' }));
    expect(selected.versions).toHaveLength(1);
    expect(selected.versions[0]).toMatch(/^offline-/);
    expect(selected.limiter).toBeUndefined();
  });
  it('is a rate-limited cascade with a key, counting both versions as current', () => {
    const selected = selectClassifier(loadJobsConfig({ ...base, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'gpt-4o-mini', CASCADE_THRESHOLD: '0.8' }));
    expect(selected.description).toMatch(/cascade/);
    expect(selected.versions).toEqual([expect.stringMatching(/^offline-/), 'openai:gpt-4o-mini:p2']);
    expect(selected.limiter).toEqual({ max: 37, duration: 60_000 });
  });
});
