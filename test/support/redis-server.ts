import { spawn, spawnSync } from 'node:child_process';
import { redisAnswers } from './services.ts';
import { freePort } from './processes.ts';

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

// A Redis of the test's own on a free port, so a test can stop and restart it without touching
// the Redis other test files share. Like the machine's, it keeps nothing on disk.
export async function startOwnRedis() {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ReturnType<typeof spawn> | undefined;
  async function start() {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(url))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  async function stop() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  await start();
  return { url, start, stop };
}
