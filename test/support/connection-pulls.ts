import { expect } from 'vitest';
import type { Client } from './api-harness.ts';

type ConnectionRow = { state: string; last_pulled_at: Date | string | null };

/**
 * Waiting on a connection's pulls in the connector tests: `row` reads the connection's row (its
 * state and last pull), shown in the failure when the wait runs out.
 */
export function connectionPulls(row: () => Promise<ConnectionRow>) {
  const waitUntil = async (check: () => Promise<boolean>, what: string, timeoutMs = 45_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await row())}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const pulledAt = async () => Date.parse(String((await row()).last_pulled_at ?? 0)) || 0;
  /** Asks for a pull now and waits until it has ended: a later last pull or, with `orStateChange`, a state other than connected. */
  const pullAndWait = async (admin: Client, connectionId: string, options: { orStateChange?: boolean } = {}) => {
    const before = await pulledAt();
    expect((await admin.post(`/v1/connections/${connectionId}/pulls`)).status).toBe(202);
    await waitUntil(async () => (await pulledAt()) > before || (options.orStateChange === true && (await row()).state !== 'connected'), 'the pull');
  };
  return { waitUntil, pullAndWait };
}
