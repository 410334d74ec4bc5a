import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { run, type Running } from '../support/processes.ts';
import { startPipeline, type Pipeline } from './pipeline-harness.ts';

const repository = path.resolve(import.meta.dirname, '../..');

// A pipeline whose workers are real `jobs/src/worker.ts` processes, so a test can kill them
// (SIGKILL) mid-job. They run with the deployment's settings but locks that expire in 2 s, so a
// dead worker's job is found stalled quickly; `env` adds the test's own settings.
export function useWorkerProcesses(env: Record<string, string> = {}) {
  const redisUrl = inject('redisUrl');
  const workers: Running[] = [];
  let pipeline: Pipeline | undefined;
  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop().catch(() => undefined);
    await pipeline?.harness.close();
  });
  return {
    get pipeline(): Pipeline {
      if (!pipeline) throw new Error('the pipeline starts in beforeAll');
      return pipeline;
    },
    startWorker(): Running {
      const worker = run(process.execPath, ['jobs/src/worker.ts'], {
        cwd: repository,
        env: {
          ...process.env,
          DATABASE_URL: this.pipeline.harness.databaseUrl,
          REDIS_URL: redisUrl!,
          QUEUE_NAMESPACE: this.pipeline.namespace,
          OPENAI_API_KEY: '',
          WORKER_CONCURRENCY: '1',
          JOB_LOCK_DURATION_MS: '2000',
          JOB_STALLED_INTERVAL_MS: '1000',
          ...env,
        },
      });
      workers.push(worker);
      return worker;
    },
  };
}
