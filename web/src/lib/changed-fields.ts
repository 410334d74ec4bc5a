/**
 * The fields of `next` whose value differs from `before` (compared as JSON, so lists and maps
 * compare by content): what a PATCH sends, so a field nobody touched is never rewritten, and a
 * change made meanwhile by someone else to another field is kept.
 */
export function changedFields<T extends Record<string, unknown>>(before: Record<string, unknown>, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(next[key] ?? null)) changed[key] = next[key];
  }
  return changed;
}
