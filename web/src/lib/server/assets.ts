import type { AssetWithHistory } from '#lib/api/client.ts';

/** When the asset last entered review (its latest transition into in_review), or null. */
export function submittedAt(asset: Pick<AssetWithHistory, 'transitions'>): string | null {
  for (let i = asset.transitions.length - 1; i >= 0; i--) {
    const t = asset.transitions[i];
    if (t?.toState === 'in_review') return t.at;
  }
  return null;
}

/** Review round: 1 for the first submission, 2 after one change request, … */
export function reviewRound(asset: Pick<AssetWithHistory, 'transitions'>): number {
  return asset.transitions.filter((t) => t.toState === 'in_review').length;
}
