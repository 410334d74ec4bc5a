// Whether an error means the database cannot be reached right now (stopped, restarting, refusing
// connections, the connection cut), as opposed to a query it refused. Such a request is worth
// retrying in a few seconds: the error handler answers 503 with Retry-After instead of a 500.

// Socket errors of the driver while connecting or talking to the server.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

// PostgreSQL SQLSTATEs: class 08 (connection exception), admin/crash shutdown, cannot connect now
// (starting up, shutting down, in recovery), too many connections.
const sqlStates = /^(08[0-9A-Z]{3}|57P01|57P02|57P03|53300)$/;

// Messages of node-postgres and its pool that carry no code.
const messages = /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|is not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const fields = current as { code?: unknown; sqlState?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    for (const code of [fields.code, fields.sqlState]) {
      if (typeof code === 'string' && (socketCodes.has(code) || sqlStates.test(code))) return true;
    }
    if (typeof fields.message === 'string' && messages.test(fields.message)) return true;
    pending.push(fields.cause);
    if (Array.isArray(fields.errors)) pending.push(...(fields.errors as unknown[]));
  }
  return false;
}
