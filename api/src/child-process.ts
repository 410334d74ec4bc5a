import { spawn, type ChildProcess } from 'node:child_process';

export type SupervisedChild = { name: string; current: () => ChildProcess; restarts: () => number; stop: () => Promise<void> };

export type SupervisionOptions = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  // What the child's death means to the user (e.g. comments wait in the outbox), said with every restart.
  consequence?: string;
  // The first restart waits this long; each quick death doubles it up to maxBackoffMs.
  backoffMs?: number;
  maxBackoffMs?: number;
  // A child that ran this long before dying was healthy: the backoff starts again from backoffMs.
  healthyAfterMs?: number;
  // This many deaths within crashLoopWindowMs is a crash loop: reported as such (restarts go on).
  crashLoopDeaths?: number;
  crashLoopWindowMs?: number;
  // How long a stopped child may take to finish its work before it is killed.
  stopGraceMs?: number;
  log?: (line: string) => void;
  logError?: (line: string) => void;
};

const prefixed = (name: string, chunk: Buffer) =>
  chunk
    .toString()
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => `  [${name}] ${line}\n`)
    .join('');

// A helper process of the quick start (job workers, dashboard), its output prefixed so one terminal
// shows everything. A child that dies is started again after a backoff; every restart is logged, and
// a child that keeps dying is reported as a crash loop with its last words, never left dead in silence.
export function superviseChild(name: string, args: string[], options: SupervisionOptions): SupervisedChild {
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  const crashLoopDeaths = options.crashLoopDeaths ?? 5;
  const crashLoopWindowMs = options.crashLoopWindowMs ?? 120_000;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logError = options.logError ?? ((line: string) => process.stderr.write(`${line}\n`));

  let stopping = false;
  let restarts = 0;
  let nextDelay = backoffMs;
  let restartTimer: NodeJS.Timeout | undefined;
  let deaths: number[] = [];
  let lastWords = '';
  let child: ChildProcess;
  let exited: Promise<void>;

  const launch = () => {
    const startedAt = Date.now();
    lastWords = '';
    child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefixed(name, chunk)));
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(prefixed(name, chunk));
      lastWords = (lastWords + chunk.toString()).slice(-2_000);
    });
    exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        resolve();
        if (stopping) return;
        const now = Date.now();
        if (now - startedAt >= healthyAfterMs) nextDelay = backoffMs;
        deaths = [...deaths.filter((at) => now - at < crashLoopWindowMs), now];
        const how = signal ? `signal ${signal}` : `exit ${code}`;
        const delay = nextDelay;
        nextDelay = Math.min(nextDelay * 2, maxBackoffMs);
        if (deaths.length >= crashLoopDeaths) {
          logError(
            `[supervisor] ${name} is in a crash loop: it died ${deaths.length} times in ${Math.round(crashLoopWindowMs / 1000)} s ` +
              `(last: ${how}). ${options.consequence ?? ''} Still restarting, next in ${(delay / 1000).toFixed(1)} s; its last output:\n${lastWords.trim() || '(none)'}`,
          );
        } else {
          logError(`[supervisor] ${name} died (${how}); restarting it in ${(delay / 1000).toFixed(1)} s. ${options.consequence ?? ''}`.trim());
        }
        restartTimer = setTimeout(() => {
          restarts += 1;
          log(`[supervisor] ${name} restarted (restart ${restarts})`);
          launch();
        }, delay);
      }),
    );
  };
  launch();

  return {
    name,
    current: () => child,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? 30_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
