// Fails when src/lib/api/schema.d.ts no longer matches ../api/openapi.json: regenerates the
// client types into a temporary file with the same command as `generate:api` and compares.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '..');
const committed = path.join(web, 'src/lib/api/schema.d.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'persona-ops-web-schema-'));
const fresh = path.join(dir, 'schema.d.ts');
try {
  const bin = path.join(web, 'node_modules/.bin/openapi-typescript');
  execFileSync(bin, ['../api/openapi.json', '--output', fresh], { cwd: web, stdio: ['ignore', 'ignore', 'inherit'] });
  let current: string;
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    console.error('web/src/lib/api/schema.d.ts is missing. Run: pnpm --filter @persona-ops/web generate:api');
    process.exit(1);
  }
  if (current !== readFileSync(fresh, 'utf8')) {
    console.error('web/src/lib/api/schema.d.ts is stale: api/openapi.json changed. Run: pnpm --filter @persona-ops/web generate:api');
    process.exit(1);
  }
  console.log('API client types match api/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
