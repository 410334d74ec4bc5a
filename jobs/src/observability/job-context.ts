import { AsyncLocalStorage } from 'node:async_hooks';
import type { JobTrace } from '../contracts.ts';

// The trace of the job running in this async context: the jobs it enqueues (a classification
// batch's spike detection, a spike's alert delivery) carry its request ids on, so a request is
// followed through every job that stems from it.
const running = new AsyncLocalStorage<JobTrace>();

export function runWithTrace<T>(trace: JobTrace, work: () => Promise<T>): Promise<T> {
  return running.run(trace, work);
}

/** What a job enqueued now inherits: the running job's requests; its workspace when the payload names none. */
export function inheritedTrace(payload: object): JobTrace {
  const parent = running.getStore() ?? {};
  const workspaceId = 'workspaceId' in payload && typeof payload.workspaceId === 'string' ? payload.workspaceId : undefined;
  const workspaceIds = workspaceId ? [workspaceId] : parent.workspaceIds;
  return { ...(workspaceIds ? { workspaceIds } : {}), ...(parent.requestIds ? { requestIds: parent.requestIds } : {}) };
}
