import { describe, expect, it } from 'vitest';
import { superviseChild } from './child-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function capture() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line), logError: (line: string) => lines.push(line) };
}

describe('superviseChild', () => {
  it('restarts a child that died, logging each restart, with a doubling backoff', async () => {
    const logs = capture();
    // Runs 150 ms, then dies: a short-lived child.
    const child = superviseChild('jobs', ['-e', 'setTimeout(() => process.exit(3), 150)'], { cwd: process.cwd(), env: process.env, backoffMs: 100, crashLoopDeaths: 99, consequence: 'Comments wait.', ...logs });
    const firstPid = child.current().pid;
    await sleep(1_300);
    await child.stop();
    expect(child.restarts()).toBeGreaterThanOrEqual(2);
    expect(child.current().pid).not.toBe(firstPid);
    expect(logs.lines[0]).toBe('[supervisor] jobs died (exit 3); restarting it in 0.1 s. Comments wait.');
    expect(logs.lines).toContain('[supervisor] jobs restarted (restart 1)');
    expect(logs.lines).toContain('[supervisor] jobs died (exit 3); restarting it in 0.2 s. Comments wait.');
  });

  it('reports a crash loop with the last output of the child', async () => {
    const logs = capture();
    const child = superviseChild('web', ['-e', 'console.error("port 5173 taken"); process.exit(1)'], { cwd: process.cwd(), env: process.env, backoffMs: 100, maxBackoffMs: 200, crashLoopDeaths: 3, ...logs });
    const deadline = Date.now() + 10_000;
    while (!logs.lines.some((line) => line.includes('crash loop')) && Date.now() < deadline) await sleep(50);
    await child.stop();
    const report = logs.lines.find((line) => line.includes('crash loop'));
    expect(report).toMatch(/^\[supervisor\] web is in a crash loop: it died 3 times in 120 s \(last: exit 1\)\..*Still restarting, next in 0.2 s; its last output:\nport 5173 taken$/s);
  });

  it('starts the backoff again after a child that ran long enough', async () => {
    const logs = capture();
    const child = superviseChild('jobs', ['-e', 'setTimeout(() => process.exit(2), 300)'], { cwd: process.cwd(), env: process.env, backoffMs: 100, healthyAfterMs: 200, crashLoopDeaths: 99, ...logs });
    await sleep(1_500);
    await child.stop();
    const delays = logs.lines.filter((line) => line.includes('died')).map((line) => line.match(/in ([\d.]+) s/)?.[1]);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(new Set(delays)).toEqual(new Set(['0.1']));
  });

  it('does not restart a child it was told to stop', async () => {
    const logs = capture();
    const child = superviseChild('jobs', ['-e', 'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000)'], { cwd: process.cwd(), env: process.env, backoffMs: 10, ...logs });
    await sleep(300);
    await child.stop();
    await sleep(200);
    expect(child.current().exitCode).toBe(0);
    expect(child.restarts()).toBe(0);
    expect(logs.lines).toEqual([]);
  });
});
