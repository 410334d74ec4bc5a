import type { FastifyZod } from './fastify-zod.ts';
import { ApiError } from './api-error.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Why a file is not UTF-8, when it can be told: Excel's "Unicode text" and some platform exports
// are UTF-16 with a byte-order mark.
function encodingProblem(body: Buffer): string {
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) {
    return 'The file is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8. Export it again as "CSV UTF-8" (or convert it) and upload it again.';
  }
  return 'The file is not UTF-8 text. Export it again as "CSV UTF-8" (or convert it) and upload it again.';
}

/**
 * Lets a route plugin's routes take a CSV file as their body: raw bytes up to `bodyLimit`, checked
 * to be UTF-8 here, so a wrongly encoded export is refused with a way out instead of being stored
 * as garbled text.
 */
export function acceptCsvBodies(app: FastifyZod, bodyLimit: number): void {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      done(null, utf8.decode(body as Buffer));
    } catch {
      done(new ApiError(400, 'invalid_file', encodingProblem(body as Buffer), [{ field: 'body', message: 'is not UTF-8' }]), undefined);
    }
  });
}
