// Writes the OpenAPI document generated from the routes' zod schemas to api/openapi.json.
// With --check it fails instead when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import fp from 'fastify-plugin';
import Fastify from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { app, type MediaSettings } from './app.ts';

const target = new URL('../openapi.json', import.meta.url);
// The document depends only on the schemas, so no database is opened and no media stored: the ORM
// and the storage are never touched.
const instance = Fastify({ logger: false });
await instance.register(fp(app), { orm: {} as MikroORM, media: {} as MediaSettings });
await instance.ready();
const document = `${JSON.stringify(instance.swagger(), null, 2)}\n`;
await instance.close();

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== document) {
    console.error('api/openapi.json is stale: run `pnpm openapi` and commit the result.');
    process.exit(1);
  }
  console.log('api/openapi.json is up to date.');
} else {
  await writeFile(target, document);
  console.log(`Wrote ${target.pathname}`);
}
