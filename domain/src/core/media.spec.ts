import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { assertAssetEditable, assertMediaUploadable, mediaTypeOf, revisionForUpload } from './media.ts';

const bytes = (...parts: Array<number[] | string>) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('mediaTypeOf', () => {
  it.each([
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['gif', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['mp4', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
    ['quicktime', bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0]), 'video/quicktime'],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]), 'video/webm'],
  ])('knows %s by its first bytes', (_name, head, contentType) => {
    expect(mediaTypeOf(head)?.contentType).toBe(contentType);
  });

  it('refuses text named like an image, and a file too short to tell', () => {
    expect(mediaTypeOf(bytes('this is not a png at all'))).toBeNull();
    expect(mediaTypeOf(bytes([0x89], 'PN'))).toBeNull();
    expect(mediaTypeOf(new Uint8Array())).toBeNull();
  });

  it('says which are images and which are videos', () => {
    expect(mediaTypeOf(bytes('GIF87a'))?.kind).toBe('image');
    expect(mediaTypeOf(bytes([0, 0, 0, 0x18], 'ftypmp42'))?.kind).toBe('video');
  });
});

describe('assertMediaUploadable', () => {
  it('takes media on a draft and after changes were requested', () => {
    expect(() => assertMediaUploadable('draft')).not.toThrow();
    expect(() => assertMediaUploadable('changes_requested')).not.toThrow();
  });

  it('keeps reviewed content as it was', () => {
    for (const state of ['in_review', 'approved', 'published', 'rejected'] as const) {
      expect(() => assertMediaUploadable(state)).toThrow(DomainError);
    }
  });
});

describe('assertAssetEditable', () => {
  it('lets the studio change a draft and an asset sent back, nothing reviewed', () => {
    expect(() => assertAssetEditable('changes_requested')).not.toThrow();
    expect(() => assertAssetEditable('approved')).toThrow('stays as it was reviewed');
  });
});

describe('revisionForUpload', () => {
  it('is the submission the media goes out with', () => {
    expect(revisionForUpload(0)).toBe(1);
    expect(revisionForUpload(2)).toBe(3);
  });
});
