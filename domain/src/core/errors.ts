// Stable error codes: the API maps each one to an HTTP status and problem+json, so a code never
// changes meaning once shipped. Add new codes rather than repurposing old ones.
export const DomainErrorCode = {
  illegal_transition: 'illegal_transition',
  currency_mismatch: 'currency_mismatch',
  invalid_input: 'invalid_input',
  rule_violation: 'rule_violation',
  // No user-supplied exchange rate converts an amount on its day (see fx.ts).
  fx_rate_missing: 'fx_rate_missing',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

export function invalidInput(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(DomainErrorCode.invalid_input, message, details);
}
