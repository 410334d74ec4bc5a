import { DomainError, DomainErrorCode } from './errors.ts';
import { legalActions, type AssetState } from './asset-state.ts';

/**
 * Where uploaded media bytes live: one port, so the API never knows whether it is a local disk or
 * an object store. Keys are opaque paths made by the API (`<workspace>/<media>`); content is streamed
 * both ways so a video never sits whole in memory.
 */
export interface MediaStorage {
  /** Stores the content under `key` and resolves with its size; on a failed stream nothing is left under `key`. */
  write(key: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number>;
  /** The stored bytes, or those from `start` to `end` (inclusive), or null when nothing is stored under `key`. */
  read(key: string, range?: { start: number; end: number }): Promise<AsyncIterable<Uint8Array> | null>;
  /** Removes what is stored under `key`; nothing stored is not an error. */
  remove(key: string): Promise<void>;
}

export const mediaKinds = ['image', 'video'] as const;
export type MediaKind = (typeof mediaKinds)[number];

export const mediaContentTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'video/webm', 'video/quicktime'] as const;
export type MediaContentType = (typeof mediaContentTypes)[number];

export type SniffedMedia = { contentType: MediaContentType; kind: MediaKind };

/** How many leading bytes mediaTypeOf needs to tell every accepted format apart. */
export const MEDIA_SNIFF_BYTES = 16;

const startsWith = (head: Uint8Array, bytes: readonly number[], offset = 0) => bytes.every((byte, i) => head[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The media type the file's first bytes prove, or null: a file is what its content says, not what
 * its name or the client's Content-Type claim (a ".png" that is really text is refused).
 */
export function mediaTypeOf(head: Uint8Array): SniffedMedia | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', kind: 'image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', kind: 'image' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { contentType: 'image/webp', kind: 'image' };
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return { contentType: 'image/gif', kind: 'image' };
  // ISO base media (MP4, QuickTime): a box size, then "ftyp" and the major brand.
  if (startsWith(head, ascii('ftyp'), 4)) {
    return startsWith(head, ascii('qt  '), 8) ? { contentType: 'video/quicktime', kind: 'video' } : { contentType: 'video/mp4', kind: 'video' };
  }
  // Matroska's EBML header; WebM is the Matroska profile browsers play.
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { contentType: 'video/webm', kind: 'video' };
  return null;
}

// Under review or decided, the content is what the reviewer saw: new media would change it after
// the fact. A draft and an asset sent back for changes take new media.
const UPLOADABLE_STATES: readonly AssetState[] = ['draft', 'changes_requested'];

/** Throws illegal_transition unless media may be added to an asset in `state`. */
export function assertMediaUploadable(state: AssetState): void {
  if (UPLOADABLE_STATES.includes(state)) return;
  throw new DomainError(
    DomainErrorCode.illegal_transition,
    `Media can be added to a draft or to an asset sent back for changes; this asset is ${state.replaceAll('_', ' ')}, so what was reviewed stays as it was.`,
    { state, action: 'upload_media', legalActions: legalActions(state) },
  );
}

/** Throws illegal_transition unless what the studio logged about an asset (title, tool, prompt, costs, hours) may change. */
export function assertAssetEditable(state: AssetState): void {
  if (UPLOADABLE_STATES.includes(state)) return;
  throw new DomainError(
    DomainErrorCode.illegal_transition,
    `An asset can be changed as a draft or when sent back for changes; this asset is ${state.replaceAll('_', ' ')}, so it stays as it was reviewed.`,
    { state, action: 'edit', legalActions: legalActions(state) },
  );
}

/**
 * The revision an upload belongs to: the submission it will go out with. Before the first
 * submission that is 1; after n submissions (changes requested) it is n + 1.
 */
export function revisionForUpload(submissions: number): number {
  return submissions + 1;
}
