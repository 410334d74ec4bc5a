import type { CommentClassifier } from '@persona-ops/domain/core';
import type { JobsConfig } from '../config.ts';
import { createCascadeClassifier } from './cascade/cascade-classifier.ts';
import { createOfflineClassifier } from './offline/offline-classifier.ts';
import { createOpenAiClassifier } from './openai/index.ts';

export type SelectedClassifier = {
  classifier: CommentClassifier;
  // The versions whose results count as current: a cascade's comments carry either.
  versions: string[];
  description: string;
  batchSize: number;
  limiter?: { max: number; duration: number };
};

// Offline by default (no network); with an OpenAI key, a cascade: the offline model decides the
// confident comments and only the uncertain ones are sent to OpenAI.
export function selectClassifier(config: JobsConfig): SelectedClassifier {
  const offline = createOfflineClassifier();
  if (!config.OPENAI_API_KEY) {
    return { classifier: offline, versions: [offline.version], description: `offline ${offline.version}`, batchSize: config.CLASSIFY_BATCH_SIZE };
  }
  const remote = createOpenAiClassifier({
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    batchSize: config.OPENAI_BATCH_SIZE,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
  });
  const cascade = createCascadeClassifier({ offline, remote, threshold: config.CASCADE_THRESHOLD });
  return {
    classifier: cascade,
    versions: [offline.version, remote.version],
    description: `cascade (offline ${offline.version} decides scores >= ${config.CASCADE_THRESHOLD}, else OpenAI ${config.OPENAI_MODEL})`,
    // Each job makes at most one OpenAI request per OPENAI_BATCH_SIZE uncertain comments.
    batchSize: config.OPENAI_BATCH_SIZE * 4,
    limiter: { max: Math.max(1, Math.floor(config.OPENAI_REQUESTS_PER_MINUTE / 8)), duration: 60_000 },
  };
}
