import { describe, expect, inject, it } from 'vitest';
import type { Running } from '../support/processes.ts';
import { useWorkerProcesses } from './worker-processes.ts';

// A job that kills its worker (a file that exhausts memory, say) is failed after the second death,
// with its import `failed` saying why, instead of killing every worker that takes it over; the
// worker that finds it so goes on with the other jobs. The deaths are real: worker processes are
// killed with SIGKILL while they import.
const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('an import whose worker dies twice', () => {
  // JOB_MAX_STALLED_COUNT is left at its default.
  const setup = useWorkerProcesses();
  const startWorker = () => setup.startWorker();

  const postedAt = new Date(Date.now() - 60_000).toISOString();
  const commentsFile = (prefix: string, rows: number) =>
    ['Post URL,Comment ID,Username,Comment,Timestamp', ...Array.from({ length: rows }, (_, n) => `https://i.example/p/1,${prefix}${n},@fan,comment ${n},${postedAt}`)].join('\n');
  async function upload(csv: string) {
    const response = await setup.pipeline.harness.app.inject({
      method: 'POST', url: '/v1/imports/comments', headers: { authorization: `Bearer ${setup.pipeline.harness.admin.key}`, 'content-type': 'text/csv' }, payload: csv,
    });
    expect(response.statusCode, response.body).toBe(202);
    return response.json<{ id: string }>().id;
  }
  const importOf = async (id: string) => (await setup.pipeline.harness.admin.get(`/v1/imports/${id}`)).body as { state: string; processedRows: number; error: string | null; accepted: number };

  // Kills the worker once it has committed rows beyond `after`, mid-file.
  async function killMidImport(worker: Running, id: string, after: number) {
    try {
      await setup.pipeline.waitUntil(async () => (await importOf(id)).processedRows > after, 40_000, `the worker to import rows past ${after}`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${worker.output().slice(-3000)}`, { cause: error });
    }
    worker.child.kill('SIGKILL');
    await worker.stop();
    const killed = await importOf(id);
    expect(killed.state).toBe('running');
    return killed.processedRows;
  }

  it('fails the job with its reason after the second death, and the next worker goes on with the other jobs', async () => {
    const total = 200_000;
    const id = await upload(commentsFile('big', total));

    const firstDeath = await killMidImport(startWorker(), id, 0);
    // The second worker takes the stalled job over and resumes after the last checkpoint.
    const secondDeath = await killMidImport(startWorker(), id, firstDeath);
    expect(secondDeath).toBeLessThan(total);

    const third = startWorker();
    let failed = await importOf(id);
    try {
      await setup.pipeline.waitUntil(async () => (failed = await importOf(id)).state !== 'running', 40_000, 'the import to end');
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(failed)}\n${third.output().slice(-3000)}`, { cause: error });
    }
    expect(failed).toMatchObject({ state: 'failed', processedRows: secondDeath, error: expect.stringMatching(/^The import stopped: the worker process running it died 2 times \(out of memory or killed\), so it is not tried again \(JOB_MAX_STALLED_COUNT=1\)/) });
    // What the dead workers committed stays: every row up to the last checkpoint, once.
    const [stored] = await setup.pipeline.sql<{ n: number }>(`select count(*)::int as n from comment where platform_comment_id like 'big%'`);
    expect(stored!.n).toBe(secondDeath);

    // The worker that failed it takes the next import and classifies its comments. (Classification
    // batches the killed workers held may have been failed too; the outbox dispatches those again
    // later, so they are not waited for here.)
    const next = await upload(commentsFile('next', 50));
    await setup.pipeline.waitUntil(async () => (await importOf(next)).state === 'done', 30_000, 'the next import');
    expect(await importOf(next)).toMatchObject({ state: 'done', accepted: 50, error: null });
    const classifiedNext = async () => (await setup.pipeline.sql<{ comments: number; results: number }>(
      `select count(distinct c.id)::int as comments, count(r.comment_id)::int as results
         from comment c left join comment_classification r on r.comment_id = c.id where c.platform_comment_id like 'next%'`,
    ))[0]!;
    await setup.pipeline.waitUntil(async () => (await classifiedNext()).results === 50, 60_000, 'the next comments classified');
    expect(await classifiedNext()).toEqual({ comments: 50, results: 50 });
  }, 150_000);
});
