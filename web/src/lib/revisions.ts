import type { AssetTransition, Media } from '#lib/api/client.ts';

/** The asset's media grouped by revision, newest revision first. */
export function mediaByRevision<M extends Pick<Media, 'revision'>>(media: M[]): { revision: number; items: M[] }[] {
  const revisions = [...new Set(media.map((m) => m.revision))].sort((a, b) => b - a);
  return revisions.map((revision) => ({ revision, items: media.filter((m) => m.revision === revision) }));
}

/** The last request for changes (its reason and reviewer), or null when changes were never asked for. */
export function lastChangeRequest<T extends Pick<AssetTransition, 'action' | 'reason' | 'at'>>(transitions: T[]): T | null {
  for (let i = transitions.length - 1; i >= 0; i--) {
    const t = transitions[i];
    if (t?.action === 'request_changes') return t;
  }
  return null;
}

/** How many times the asset was submitted: the revision under review, or the last one sent. */
export function submissions(transitions: Pick<AssetTransition, 'action'>[]): number {
  return transitions.filter((t) => t.action === 'submit').length;
}
