import { invalidInput } from './errors.ts';

// Inputs come from imports and people; a negative or fractional count is a data error that must
// surface as invalid_input rather than flow into a KPI as a plausible-looking number.
export function assertCount(name: string, value: number | null | undefined): void {
  if (value === null || value === undefined) return;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidInput(`${name} must be a whole number of 0 or more (got ${String(value)}).`, {
      field: name,
      value,
    });
  }
}

export function assertNonNegative(name: string, value: number | null | undefined): void {
  if (value === null || value === undefined) return;
  if (!Number.isFinite(value) || value < 0) {
    throw invalidInput(`${name} must be a number of 0 or more (got ${String(value)}).`, {
      field: name,
      value,
    });
  }
}

export function assertValidDate(name: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalidInput(`${name} must be a valid date.`, { field: name });
  }
}
