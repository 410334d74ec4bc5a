import type { IncomingMessage, ServerResponse } from 'node:http';

// What the fake platforms (YouTube, Instagram, TikTok) answer and read alike: JSON answers with
// their status (returned, so a handler can record it), and form-encoded token requests.

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
  return status;
}

export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
