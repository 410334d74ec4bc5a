/**
 * Does a comment name the character (or a competitor)? Names, handles and aliases are matched
 * case- and accent-insensitively, with or without @ / #, with their words written apart or joined,
 * and only as whole words:
 *
 *   name "Léa Nova", handle "@lea.nova", alias "LeaN"
 *   matches   "lea nova", "@lea.nova", "#leanova", "LEA NOVA!!", "Léa-Nova", "lea_nova"
 *   no match  "leanovation", "@lea.nova_fanpage"
 *
 * A name is split into words on anything that is not a letter or digit and at camel-case humps
 * ("LeaNova" -> lea, nova); between two words the text may have nothing or up to three separators
 * (space . _ - '). A whole match must not touch a letter, digit or underscore on either side.
 * Matchers are compiled once per distinct list of names and cached.
 */
import { normalizeForRules } from './normalize.ts';

export interface NameMatcher {
  /** `normalized` must come from normalizeForRules */
  matches(normalized: string): boolean;
}

const NEVER: NameMatcher = { matches: () => false };
const SEPARATORS = String.raw`[\s._'\-]{0,3}`;
const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** The words of one name, handle or alias: "@Léa.Nova" -> ["lea", "nova"]. */
export function nameWords(name: string): string[] {
  const humps = name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
  return normalizeForRules(humps)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export function compileNameMatcher(names: readonly string[]): NameMatcher {
  const alternatives = new Set<string>();
  for (const name of names) {
    const words = nameWords(name);
    if (words.length > 0) alternatives.add(words.map((w) => w.replace(ESCAPE, '\\$&')).join(SEPARATORS));
  }
  if (alternatives.size === 0) return NEVER;
  // longest first, so the alternation prefers the full name
  const sorted = [...alternatives].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}_])(?:${sorted.join('|')})(?![\p{L}\p{N}_])`, 'u');
  return { matches: (normalized) => re.test(normalized) };
}

const CACHE_LIMIT = 2048;
const cache = new Map<string, NameMatcher>();

/** Cached compileNameMatcher, keyed by the list of names. */
export function nameMatcherFor(names: readonly string[]): NameMatcher {
  if (names.length === 0) return NEVER;
  const key = names.join('\u0000');
  let matcher = cache.get(key);
  if (matcher === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    matcher = compileNameMatcher(names);
    cache.set(key, matcher);
  }
  return matcher;
}

/** Convenience for one-off checks (tests, scripts): normalises the text itself. */
export function mentionsName(text: string, names: readonly string[]): boolean {
  return nameMatcherFor(names).matches(normalizeForRules(text));
}
