import { spawn, type ChildProcess } from 'node:child_process';

export type Child = { name: string; process: ChildProcess; stop: () => Promise<void> };

// A helper process of the quick start (job workers, dashboard) with its output prefixed, so one
// terminal shows everything, and a stop that waits for it to finish.
export function startChild(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; onExit?: (code: number | null) => void }): Child {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `  [${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => {
    options.onExit?.(code);
    resolve();
  }));
  return {
    name,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
