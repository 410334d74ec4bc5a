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

/**
 * The record as the edit form showed it (its hidden `original` field, JSON), or null when that
 * cannot be read. Comparing with it, not with the record read again at saving, sends only what
 * this person changed: a field someone else changed meanwhile is left as they set it.
 */
export function shownRecord(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
