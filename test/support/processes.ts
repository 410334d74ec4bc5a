import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export type Running = { child: ChildProcess; output: () => string; waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>; stop: () => Promise<number | null> };

// Starts a command and keeps its combined output, so a failing test can show what the process said.
export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const match = output.match(pattern);
          if (match) {
            clearInterval(poll);
            resolve(match);
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`did not see ${pattern} (exit ${child.exitCode}). Output:\n${output}`));
          }
        }, 100);
      }),
    // Signals the whole process group (as Ctrl-C in a terminal does) and waits until every
    // process of it is gone, so nothing (an embedded database, say) outlives the command.
    stop: async () => {
      const pid = child.pid;
      if (pid && groupAlive(pid)) process.kill(-pid, 'SIGTERM');
      const code = await exited;
      const deadline = Date.now() + 30_000;
      while (pid && groupAlive(pid)) {
        if (Date.now() > deadline) throw new Error(`process group ${pid} still running 30 s after SIGTERM. Output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return code;
    },
  };
}

/**
 * Starts a server on a free port and waits until it says `ready`. The port was free when picked, but
 * any process may take it before the server listens (every outgoing connection, to PostgreSQL say,
 * takes an ephemeral port from the same range): on EADDRINUSE it starts again on another port.
 */
export async function startOnFreePort(start: (port: number) => Running, ready: RegExp, timeoutMs: number, attempts = 3): Promise<{ running: Running; port: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const running = start(port);
    try {
      await running.waitFor(ready, timeoutMs);
      return { running, port };
    } catch (error) {
      // Nothing outlives a start that failed, whether it is tried again or not.
      await running.stop().catch(() => undefined);
      if (attempt >= attempts || !running.output().includes('EADDRINUSE')) throw error;
    }
  }
}

export function runToEnd(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; output: string }> {
  const running = run(command, args, options);
  return new Promise((resolve) => {
    const timer = setTimeout(() => void running.stop(), options.timeoutMs);
    running.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: running.output() });
    });
  });
}
