import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaStorage } from '../../core/media.ts';

// Keys are made by the API from ids; anything else (.., absolute paths, odd characters) is a bug,
// refused rather than resolved somewhere outside the folder.
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * The media storage on a local folder (by default `.data/media`, next to the embedded database).
 * A write goes to a temporary file renamed into place when complete, so a failed or cut-off upload
 * never leaves a half file under its key.
 */
export function localDiskMediaStorage(root: string): MediaStorage {
  const fileOf = (key: string) => {
    if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) throw new Error(`not a media storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async write(key, content) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${randomUUID()}.partial`;
      try {
        await pipeline(Readable.from(content), createWriteStream(partial, { flags: 'wx' }));
        const { size } = await stat(partial);
        await rename(partial, file);
        return size;
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async read(key, range) {
      const file = fileOf(key);
      const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (!found) return null;
      return createReadStream(file, range ? { start: range.start, end: range.end } : {});
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
