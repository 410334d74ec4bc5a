// Starts the built dashboard (adapter-node's build/) exactly like `node build`, and honours ORIGIN.
//
// adapter-node 6 (SvelteKit 3) no longer reads ORIGIN: without `paths.origin` at build time or a
// proxy header it assumes https, so on a plain-http address (a laptop, a test, an internal host)
// every form post fails SvelteKit's CSRF origin check with 403. When ORIGIN is set, this wrapper
// tells adapter-node the public origin through two private headers that it sets on every request
// (overwriting anything a client sent). Without ORIGIN it changes nothing: behind a TLS proxy set
// PROTOCOL_HEADER / HOST_HEADER as adapter-node documents.
//
//   API_URL=http://127.0.0.1:3000 ORIGIN=http://127.0.0.1:5173 HOST=127.0.0.1 PORT=5173 node serve.ts
import http, { type IncomingMessage } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PROTO = 'x-persona-ops-origin-proto';
const HOST = 'x-persona-ops-origin-host';

const raw = process.env.ORIGIN?.trim();
if (raw) {
  let origin: URL;
  try {
    origin = new URL(raw);
    if ((origin.protocol !== 'http:' && origin.protocol !== 'https:') || origin.origin !== raw.replace(/\/$/, '')) throw new Error();
  } catch {
    console.error(`ORIGIN must be the dashboard's public origin, e.g. http://127.0.0.1:5173 (no path); got "${raw}"`);
    process.exit(1);
  }
  if (process.env.PROTOCOL_HEADER || process.env.HOST_HEADER) {
    console.error('Set either ORIGIN or PROTOCOL_HEADER/HOST_HEADER, not both.');
    process.exit(1);
  }
  process.env.PROTOCOL_HEADER = PROTO;
  process.env.HOST_HEADER = HOST;
  const inject = (req: IncomingMessage) => {
    req.headers[PROTO] = origin.protocol.slice(0, -1);
    req.headers[HOST] = origin.host;
  };
  // adapter-node creates its server with http.createServer(); run the injection before its handler.
  const createServer = http.createServer;
  http.createServer = ((...args: Parameters<typeof http.createServer>) => {
    const server = createServer(...args);
    server.prependListener('request', inject);
    return server;
  }) as typeof http.createServer;
}

// adapter-node takes 512 KB bodies by default; the Imports page forwards files the API accepts up
// to 50 MB and the studio streams media the API accepts up to 100 MB (MEDIA_MAX_BYTES), so the
// dashboard lets them through and the API gives its own answer beyond that.
process.env.BODY_SIZE_LIMIT ??= '101M';

await import(pathToFileURL(path.join(import.meta.dirname, 'build', 'index.js')).href);
