import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOperator } from '@persona-ops/domain/operator-credential';
import type { Registry } from 'prom-client';

// A worker's /metrics (WORKER_METRICS_PORT), for Prometheus: the same operator credential as the
// API's /metrics and the queue board (HTTP Basic, OPERATOR_PASSWORD), answered like the API answers.
export async function listenForMetrics(options: { registry: Registry; host: string; port: number; operatorPassword: string }): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    const problem = (status: number, code: string, title: string, detail: string) => {
      response.writeHead(status, { 'content-type': 'application/problem+json', ...(status === 401 ? { 'www-authenticate': 'Basic realm="Persona Ops operator", charset="UTF-8"' } : {}) });
      response.end(JSON.stringify({ type: `https://persona-ops.dev/problems/${code.replaceAll('_', '-')}`, title, status, detail, instance: request.url, code }));
    };
    if (request.method !== 'GET' || path !== '/metrics') return problem(404, 'not_found', 'Not Found', 'A worker serves only GET /metrics.');
    if (!isOperator(request.headers.authorization, options.operatorPassword)) {
      return problem(401, 'operator_password_required', 'Unauthorized', 'A worker\'s /metrics is the operator\'s: send any user name and the operator password (OPERATOR_PASSWORD) as the password (HTTP Basic).');
    }
    options.registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': options.registry.contentType });
        response.end(text);
      },
      () => problem(500, 'internal_error', 'Internal Server Error', 'The metrics could not be collected; try again.'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
