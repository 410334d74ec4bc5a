import type { Problem } from '#lib/api/client.ts';

/**
 * What a refused form sends back to its page: which form (a page may hold several), the API's
 * problem+json, its errors keyed by input name (shown next to each field), and what was typed so
 * the form is not emptied.
 */
export type Refusal = { form: string; problem: Problem; fieldErrors: Record<string, string>; values: Record<string, string> };

/** The refusal of this form, or null when the page's last answer was about another form or none. */
export function refusalOf(form: string, answer: unknown): Refusal | null {
  if (!answer || typeof answer !== 'object' || (answer as { form?: unknown }).form !== form) return null;
  return 'problem' in answer ? (answer as Refusal) : null;
}
