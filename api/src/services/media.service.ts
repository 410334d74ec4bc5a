import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import { Asset, AssetTransition, Media, type IMedia } from '@persona-ops/domain/store';
import { assertMediaUploadable, revisionForUpload, type MediaStorage } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import type { MediaUpload } from '../http/media-upload.ts';
import type { Actor } from './assets.service.ts';
import { findOwned } from './owned.ts';

/** The longest side of a thumbnail, in pixels: sharp on a list or a review queue, light to send. */
const THUMBNAIL_SIZE = 480;

export function toMediaDto(media: IMedia) {
  return {
    id: media.id,
    assetId: media.asset.id,
    revision: media.revision,
    kind: media.kind,
    contentType: media.contentType,
    byteSize: media.byteSize,
    fileName: media.fileName,
    width: media.width ?? null,
    height: media.height ?? null,
    hasThumbnail: media.thumbnailKey !== null && media.thumbnailKey !== undefined,
    uploadedBy: media.uploadedBy?.id ?? null,
    createdAt: media.createdAt.toISOString(),
  };
}

async function bytesOf(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// An image is read once more, from the storage, for its size and thumbnail. Its first bytes said
// PNG (or JPEG, …), but only decoding proves the rest: a file that does not decode is refused.
async function describeImage(storage: MediaStorage, key: string, upload: MediaUpload) {
  const stored = await storage.read(key);
  if (!stored) throw new Error(`media ${key} vanished from the storage right after it was written`);
  const bytes = await bytesOf(stored);
  try {
    const metadata = await sharp(bytes, { failOn: 'error' }).metadata();
    const thumbnail = await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    // EXIF orientations 5-8 turn the picture a quarter: its displayed width is the stored height.
    const turned = (metadata.orientation ?? 1) >= 5;
    return { width: turned ? metadata.height : metadata.width, height: turned ? metadata.width : metadata.height, thumbnail };
  } catch {
    throw new ApiError(415, 'unsupported_media_type', `"${upload.fileName}" starts like ${upload.contentType} but cannot be read as one (cut off or damaged). Export it again and upload the new file.`, [
      { field: 'body.file', message: `is not a readable ${upload.contentType.replace('image/', '').toUpperCase()} image` },
    ]);
  }
}

/**
 * Stores an uploaded image or video of an asset and records it with the revision it goes out with.
 * The asset must be a draft or sent back for changes (checked before the bytes are read and again,
 * under a row lock, before the record is written). Images get their size and a WebP thumbnail;
 * videos are kept as they are (played inline). Whatever fails leaves no file behind.
 */
export async function uploadMedia(em: EntityManager, actor: Actor, assetId: string, readUpload: () => Promise<MediaUpload>, storage: MediaStorage): Promise<IMedia> {
  // Looked up before the bytes are read: an unknown id or a reviewed asset costs no upload.
  const asset = await findOwned(em, Asset, 'asset', assetId, actor.workspaceId);
  assertMediaUploadable(asset.state);
  const upload = await readUpload();
  const id = randomUUID();
  const storageKey = `${actor.workspaceId}/${id}`;
  const thumbnailKey = upload.kind === 'image' ? `${storageKey}.thumbnail.webp` : null;
  try {
    const byteSize = await storage.write(storageKey, upload.content);
    const image = upload.kind === 'image' ? await describeImage(storage, storageKey, upload) : null;
    if (image && thumbnailKey) await storage.write(thumbnailKey, [image.thumbnail]);
    return await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Asset, { id: asset.id, workspace: actor.workspaceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      assertMediaUploadable(locked.state);
      const submissions = await tx.count(AssetTransition, { asset: locked.id, workspace: actor.workspaceId, action: 'submit' });
      return tx.create(Media, {
        id,
        workspace: actor.workspaceId,
        asset: locked,
        revision: revisionForUpload(submissions),
        kind: upload.kind,
        contentType: upload.contentType,
        byteSize,
        fileName: upload.fileName,
        width: image?.width ?? null,
        height: image?.height ?? null,
        storageKey,
        thumbnailKey,
        uploadedBy: actor.userId,
      });
    });
  } catch (error) {
    await storage.remove(storageKey);
    if (thumbnailKey) await storage.remove(thumbnailKey);
    throw error;
  }
}

/** The asset's media, oldest revision first, in upload order within a revision. */
export async function listAssetMedia(em: EntityManager, workspaceId: string, assetId: string): Promise<IMedia[]> {
  const asset = await findOwned(em, Asset, 'asset', assetId, workspaceId);
  return em.find(Media, { asset: asset.id, workspace: workspaceId }, { orderBy: { revision: 'asc', createdAt: 'asc' } });
}

/** A media record of this workspace; another workspace's id is not found, like an unknown one. */
export async function findMedia(em: EntityManager, workspaceId: string, id: string): Promise<IMedia> {
  const media = await em.findOne(Media, { id, workspace: workspaceId });
  if (!media) throw new ApiError(404, 'not_found', `No media with id ${id} exists in this workspace. Check the id, or list an asset's media with GET /v1/assets/{id}/media.`);
  return media;
}
