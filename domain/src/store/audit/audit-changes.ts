import type { AuditChange } from '../entities/audit-entry.entity.ts';

export const REDACTED = '[redacted]';

// Values no reader of the log may see: key and token hashes, signing secrets, passwords, tokens
// (a connection's accessToken and refreshToken, sealed or not) and PKCE verifiers.
const SECRET_FIELD = /secret|password|hash|^token$|[a-z]Token$|verifier|credential/i;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** A secret's value as the log shows it: whether it was set, never what it was. */
function shown(name: string, value: unknown): unknown {
  return value !== null && isSecretField(name) ? REDACTED : value;
}

/**
 * The changed fields between two plain records (values already JSON-ready), each with its value
 * before and after. Fields equal on both sides are left out; `before` null is a create, `after`
 * null a delete. Null when nothing changed.
 */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, AuditChange> | null {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, AuditChange> = {};
  for (const name of [...names].sort()) {
    const was = before?.[name] ?? null;
    const is = after?.[name] ?? null;
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    changes[name] = { before: shown(name, was), after: shown(name, is) };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
