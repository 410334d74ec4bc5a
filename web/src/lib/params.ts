// A GET form's filters as the URL carries them: trimmed strings, checked against the API's lists
// before the API is asked, so a wrong value is named beside its field.

/** A getter for trimmed query parameters; a missing one reads as "". */
export function reader(params: URLSearchParams): (name: string) => string {
  return (name: string) => (params.get(name) ?? '').trim();
}

export const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** `value` when it is one of `list`; else undefined, and a non-empty value gets its field error. */
export function oneOf<T extends string>(list: readonly T[], value: string, errors: Record<string, string>, field: string): T | undefined {
  if (!value) return undefined;
  if (isOneOf(list, value)) return value;
  errors[field] = `must be one of ${list.join(', ')}`;
  return undefined;
}

const DEFAULT_PAGE_SIZE = 25;

/** The rows per page from `?limit=`: a whole number 1–200 (the API's cap), else the default. */
export function pageSize(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : DEFAULT_PAGE_SIZE;
}
