import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDiskMediaStorage } from './local-disk-media.storage.ts';

async function text(content: AsyncIterable<Uint8Array> | null): Promise<string | null> {
  if (!content) return null;
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

async function* failing() {
  yield Buffer.from('half a file');
  throw new Error('the upload was cut off');
}

describe('localDiskMediaStorage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'media-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes, reads whole and by range, and removes', async () => {
    const storage = localDiskMediaStorage(root);
    expect(await storage.write('w1/m1', chunks('hello ', 'world'))).toBe(11);
    expect(await text(await storage.read('w1/m1'))).toBe('hello world');
    expect(await text(await storage.read('w1/m1', { start: 6, end: 10 }))).toBe('world');
    await storage.remove('w1/m1');
    expect(await storage.read('w1/m1')).toBeNull();
    await storage.remove('w1/m1');
  });

  it('leaves nothing under the key when the content fails midway', async () => {
    const storage = localDiskMediaStorage(root);
    await expect(storage.write('w1/cut', failing())).rejects.toThrow('cut off');
    expect(await storage.read('w1/cut')).toBeNull();
    expect((await readdir(path.join(root, 'w1'))).filter((name) => name.startsWith('cut'))).toEqual([]);
  });

  it('refuses keys that would leave its folder', async () => {
    const storage = localDiskMediaStorage(root);
    await expect(storage.write('../outside', chunks('x'))).rejects.toThrow('not a media storage key');
    await expect(storage.read('/etc/passwd')).rejects.toThrow('not a media storage key');
  });
});
