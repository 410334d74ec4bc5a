import { DomainError, DomainErrorCode } from '../errors.ts';

/** A layer of a page that shows several reports: its report, or why its scope was refused. */
export type ReportLayer<T> = { report: T | null; unavailable: string | null };

// The refusals a layer answers with instead of failing the page: its amounts mix currencies, or its
// records contradict each other (an asset's recorded times). A missing exchange rate fails the page:
// the user fixes it once, for every layer.
const LAYER_REFUSALS: ReadonlySet<string> = new Set([DomainErrorCode.currency_mismatch, DomainErrorCode.invalid_input]);

/**
 * A layer that refuses its scope is shown as unavailable with the refusal's message, so the other
 * layers of the page still answer. Any other error fails the request.
 */
export async function layerOrRefusal<T>(work: Promise<T> | (() => T)): Promise<ReportLayer<T>> {
  try {
    return { report: await (typeof work === 'function' ? work() : work), unavailable: null };
  } catch (error) {
    if (error instanceof DomainError && LAYER_REFUSALS.has(error.code)) return { report: null, unavailable: error.message };
    throw error;
  }
}
