import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import { isReachable } from '@persona-ops/domain/store';

export const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export { isReachable };

// The browser the dashboard tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium'];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return { path: candidate };
    } catch {
      // try the next one
    }
  }
  return { missing: `no Chromium at ${candidates.join(' or ')} (install it with \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH)` };
}
