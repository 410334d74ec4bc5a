import { z } from 'zod';
import { mediaContentTypes, mediaKinds } from '@persona-ops/domain/core';
import { idSchema } from '../../http/common.schemas.ts';
import { ACCEPTED_MEDIA, MEDIA_FIELD } from '../../http/media-upload.ts';

export const mediaSchema = z
  .object({
    id: idSchema,
    assetId: idSchema,
    revision: z.number().int().describe('The submission this media went out with: 1 before the first review, n + 1 after n submissions'),
    kind: z.enum(mediaKinds),
    contentType: z.enum(mediaContentTypes).describe('As its first bytes proved, not as the client claimed'),
    byteSize: z.number().int(),
    fileName: z.string(),
    width: z.number().int().nullable().describe('Pixels, as displayed; null for a video'),
    height: z.number().int().nullable(),
    hasThumbnail: z.boolean().describe('Images have a WebP thumbnail at GET /v1/media/{id}/thumbnail; videos play from GET /v1/media/{id}'),
    uploadedBy: idSchema.nullable().describe('The user who uploaded it'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Media' });

export const mediaList = z.object({ items: z.array(mediaSchema) }).meta({ id: 'MediaList' });

// The body is read as a stream by the handler (http/media-upload.ts), not parsed whole: this
// schema documents it, and accepts the absent body a multipart request has before the stream is read.
export const uploadMediaBody = z
  .object({ [MEDIA_FIELD]: z.string().meta({ format: 'binary' }).describe(`The file: ${ACCEPTED_MEDIA}, recognised by its content`) })
  .optional();

const binary = z.string().meta({ format: 'binary' });

/** The 200 (and 206) of a media download: the file in the type its content proved. */
export const mediaFileResponse = (description: string) => ({
  description,
  content: Object.fromEntries(mediaContentTypes.map((type) => [type, { schema: binary }])),
});

export const thumbnailResponse = { description: 'A WebP thumbnail, at most 480 pixels on its longer side', content: { 'image/webp': { schema: binary } } };
