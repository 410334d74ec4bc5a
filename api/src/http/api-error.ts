// Errors raised by the HTTP layer itself (auth, roles, lookups); domain rule errors come from
// @persona-ops/domain/core as DomainError. Both carry a stable code the error handler maps to a status.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: Array<{ field: string; message: string }> | undefined;

  constructor(status: number, code: string, message: string, errors?: Array<{ field: string; message: string }>) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

export const notFound = (what: string, id: string) =>
  new ApiError(404, 'not_found', `No ${what} with id ${id} exists in this workspace. Check the id, or list ${what}s to find it.`);
