import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

function newestChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// The dashboard is built on the first start (and after its sources change), not on every start.
export function webBuildIsStale(webFolder: string): boolean {
  const built = path.join(webFolder, 'build', 'index.js');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestChange(path.join(webFolder, 'src')), statSync(path.join(webFolder, 'vite.config.ts')).mtimeMs);
  return sources > statSync(built).mtimeMs;
}
