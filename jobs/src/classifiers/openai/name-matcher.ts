/**
 * Deterministic name matching for `mentionsCharacter` and competitor flags: never left to a model.
 *
 * Case- and accent-insensitive, on word boundaries. A name may be written with or without the
 * spaces, dots, dashes or underscores between its words, and with a leading @ or #:
 * "Luna Vega" matches "luna vega", "LunaVega", "@luna_vega" and "#lunavega", not "lunavegas".
 */
export type NameMatcher = (text: string) => boolean;

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for any of `names`; blank names and names shorter than two characters are ignored. */
export function createNameMatcher(names: readonly string[]): NameMatcher {
  const patterns: string[] = [];
  for (const name of names) {
    const words = fold(name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '');
    if (words.join('').length < 2) continue;
    patterns.push(words.map(escapeRegExp).join('[\\s._-]*'));
  }
  if (patterns.length === 0) return () => false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'u');
  return (text) => pattern.test(fold(text));
}

export function mentionsAnyName(text: string, names: readonly string[]): boolean {
  return createNameMatcher(names)(text);
}
