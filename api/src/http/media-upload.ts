import type { FastifyRequest } from 'fastify';
import { MEDIA_SNIFF_BYTES, mediaTypeOf, type SniffedMedia } from '@persona-ops/domain/core';
import { ApiError } from './api-error.ts';

/** The multipart field that carries the file. */
export const MEDIA_FIELD = 'file';

export const ACCEPTED_MEDIA = 'PNG, JPEG, WebP or GIF images and MP4, WebM or QuickTime videos';

/** An upload whose first bytes were checked: what it is, its file name, and its bytes as they stream in. */
export type MediaUpload = SniffedMedia & { fileName: string; content: AsyncIterable<Uint8Array> };

const field = `body.${MEDIA_FIELD}`;
const megabytes = (bytes: number) => `${bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`} (${bytes.toLocaleString('en-US')} bytes)`;

export const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `The file is larger than the ${megabytes(maxBytes)} one upload may carry (MEDIA_MAX_BYTES). Export it smaller (a shorter clip, a lower bitrate or resolution) and upload it again.`, [
    { field, message: `is larger than ${megabytes(maxBytes)}` },
  ]);

// A name for people (shown beside the media, used when it is downloaded): no folders, no control
// characters, at most the column's 255 characters.
function fileNameOf(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const base = name.split(/[\\/]/).at(-1)?.replace(/[\u0000-\u001f\u007f]/g, '').trim() ?? '';
  return base.slice(0, 255) || 'upload';
}

/**
 * Reads the one file of a multipart/form-data upload: refuses a request that is not multipart or
 * carries no `file` field (400/415 naming body.file), reads the first bytes and refuses what they do
 * not prove to be an accepted image or video (415, whatever the name or claimed type), and hands back
 * the bytes as a stream that fails with 413 once it passes `maxBytes`. Nothing is buffered whole.
 */
export async function readMediaUpload(request: FastifyRequest, maxBytes: number): Promise<MediaUpload> {
  if (!request.isMultipart()) {
    throw new ApiError(415, 'unsupported_media_type', `Send the file as multipart/form-data, in a field named "${MEDIA_FIELD}".`, [{ field, message: 'is required: send it as a multipart/form-data file field' }]);
  }
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new ApiError(400, 'invalid_input', `The form carries no file. Put the image or video in a field named "${MEDIA_FIELD}".`, [{ field, message: 'is required' }]);
  const others = [part.fieldname, ...Object.keys(part.fields)].filter((name) => name !== MEDIA_FIELD);
  if (others.length) {
    part.file.resume();
    throw new ApiError(400, 'invalid_input', `The form may carry only the field "${MEDIA_FIELD}".`, others.map((name) => ({ field: `body.${name}`, message: `is not a field of this request; did you mean ${MEDIA_FIELD}?` })));
  }

  const stream = part.file;
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let length = 0;
  while (length < MEDIA_SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  const first = Buffer.concat(head);
  const sniffed = mediaTypeOf(first);
  if (!sniffed) {
    // The rest is read and dropped, so the client gets the answer rather than a reset connection.
    stream.resume();
    const claimed = part.filename ? `"${fileNameOf(part.filename)}"` : 'The file';
    throw new ApiError(415, 'unsupported_media_type', `${claimed} is not an image or video this API takes: its content does not start like any of ${ACCEPTED_MEDIA} (the name and the claimed type ${part.mimetype} are not trusted). Upload the file itself, exported in one of those formats.`, [
      { field, message: `is not ${ACCEPTED_MEDIA}` },
    ]);
  }

  async function* content(): AsyncGenerator<Uint8Array> {
    if (stream.truncated) throw tooLarge(maxBytes);
    yield first;
    for (;;) {
      const next = await chunks.next();
      if (stream.truncated) throw tooLarge(maxBytes);
      if (next.done) return;
      yield next.value;
    }
  }
  return { ...sniffed, fileName: fileNameOf(part.filename), content: content() };
}
