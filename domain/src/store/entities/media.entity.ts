import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { mediaContentTypes, mediaKinds } from '../../core/media.ts';
import { Asset } from './asset.entity.ts';
import { baseProperties } from './base.properties.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

// One uploaded file of an asset. `revision` is the submission it went out with (1 before the first
// review, n + 1 after n submissions), so a reviewer can set the content under review beside what
// was sent back. The bytes live in the media storage under `storageKey`.
export const Media = defineEntity({
  name: 'Media',
  tableName: 'media',
  indexes: [{ properties: ['workspace', 'asset', 'revision'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    asset: () => p.manyToOne(Asset),
    revision: p.integer(),
    kind: p.enum(mediaKinds),
    contentType: p.enum(mediaContentTypes),
    byteSize: p.bigint('number'),
    fileName: p.string(),
    width: p.integer().nullable(),
    height: p.integer().nullable(),
    storageKey: p.string(),
    thumbnailKey: p.string().nullable(),
    uploadedBy: () => p.manyToOne(User).nullable(),
  },
});
export type IMedia = InferEntity<typeof Media>;
