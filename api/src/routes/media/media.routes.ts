import multipart from '@fastify/multipart';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyZod } from '../../http/fastify-zod.ts';
import { ApiError } from '../../http/api-error.ts';
import { byteRangeOf } from '../../http/byte-range.ts';
import { idParams } from '../../http/common.schemas.ts';
import { readMediaUpload } from '../../http/media-upload.ts';
import { problemResponses, problemSchema } from '../../http/problem.ts';
import { workspaceOf } from '../../plugins/auth.plugin.ts';
import { findMedia, listAssetMedia, toMediaDto, uploadMedia } from '../../services/media.service.ts';
import { mediaFileResponse, mediaList, mediaSchema, thumbnailResponse, uploadMediaBody } from './media.schemas.ts';

const tags = ['media'];

// Media never change once stored (a new file is a new id), so a browser may keep them; private,
// because each is one workspace's.
const CACHE = 'private, max-age=31536000, immutable';

async function sendStored(reply: FastifyReply, stored: AsyncIterable<Uint8Array> | null, what: string) {
  if (!stored) {
    reply.request.log.error({ what }, 'media record without its file in the storage');
    throw new ApiError(404, 'not_found', `The file of this ${what} is missing from the media storage. Upload it again.`);
  }
  return reply.send(Readable.from(stored));
}

async function sendMedia(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const media = await findMedia(request.em, workspaceOf(request), request.params.id);
  const storage = request.server.media.storage;
  const size = media.byteSize;
  const range = byteRangeOf(request.headers.range, size);
  void reply
    .type(media.contentType)
    .header('accept-ranges', 'bytes')
    .header('cache-control', CACHE)
    .header('content-disposition', `inline; filename="${media.fileName.replace(/[^A-Za-z0-9._-]+/g, '-')}"`);
  if (range === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${size}`);
    throw new ApiError(416, 'range_not_satisfiable', `The range ${request.headers.range} starts past the end of the file (${size} bytes).`, [{ field: 'headers.range', message: `must start before byte ${size}` }]);
  }
  if (range === 'whole') {
    void reply.header('content-length', String(size));
    return sendStored(reply, await storage.read(media.storageKey), 'media');
  }
  void reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', String(range.end - range.start + 1));
  return sendStored(reply, await storage.read(media.storageKey, range), 'media');
}

export async function mediaRoutes(app: FastifyZod) {
  // Multipart for this plugin's routes only; the file is streamed by readMediaUpload with its own limit.
  await app.register(multipart, { limits: { fileSize: app.media.maxBytes, files: 1, fields: 5, parts: 6 } });

  app.post('/v1/assets/:id/media', {
    config: { roles: ['studio'] },
    bodyLimit: app.media.maxBytes,
    schema: {
      tags,
      summary: 'Upload an image or video of an asset (multipart/form-data, field "file")',
      description: 'Streams the file to the media storage. At most MEDIA_MAX_BYTES (100 MB by default): a larger file is refused with 413 as soon as it passes the limit. The content is checked by its first bytes (PNG, JPEG, WebP, GIF, MP4, WebM, QuickTime): anything else, whatever its name or claimed type, is refused with 415 naming body.file. Images get a WebP thumbnail; videos play inline from GET /v1/media/{id}. Only a draft or an asset sent back for changes takes media (409 otherwise); the media belongs to the revision the next submission sends.',
      consumes: ['multipart/form-data'],
      params: idParams,
      body: uploadMediaBody,
      response: {
        201: mediaSchema,
        ...problemResponses,
        409: problemSchema.describe('The asset is in review or decided: its content stays as it was reviewed'),
        413: problemSchema.describe('The file is larger than MEDIA_MAX_BYTES'),
        415: problemSchema.describe('Not multipart/form-data, or a file that is not an accepted image or video (body.file)'),
      },
    },
  }, async (request, reply) => {
    const actor = { workspaceId: workspaceOf(request), userId: request.principal.userId };
    const media = await uploadMedia(request.em, actor, request.params.id, () => readMediaUpload(request, app.media.maxBytes), app.media.storage);
    return reply.status(201).send(toMediaDto(media));
  });

  app.get('/v1/assets/:id/media', {
    schema: { tags, summary: "An asset's media, oldest revision first", params: idParams, response: { 200: mediaList, ...problemResponses } },
  }, async (request) => ({ items: (await listAssetMedia(request.em, workspaceOf(request), request.params.id)).map(toMediaDto) }));

  app.get('/v1/media/:id', {
    schema: {
      tags,
      summary: 'The file of a media: an image, or a video to play inline (byte ranges supported)',
      params: idParams,
      response: { 200: mediaFileResponse('The whole file'), 206: mediaFileResponse('The byte range asked for'), ...problemResponses, 416: problemSchema.describe('The range starts past the end of the file') },
    },
  }, sendMedia);

  app.get('/v1/media/:id/thumbnail', {
    schema: { tags, summary: "An image's WebP thumbnail", params: idParams, response: { 200: thumbnailResponse, ...problemResponses } },
  }, async (request, reply) => {
    const media = await findMedia(request.em, workspaceOf(request), request.params.id);
    if (!media.thumbnailKey) throw new ApiError(404, 'not_found', `This media is a ${media.kind} and has no thumbnail; GET /v1/media/${media.id} plays it.`);
    void reply.type('image/webp').header('cache-control', CACHE);
    return sendStored(reply, await app.media.storage.read(media.thumbnailKey), 'thumbnail');
  });
}
