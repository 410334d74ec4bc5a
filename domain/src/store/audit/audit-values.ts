import { Reference, ReferenceKind, Utils, helper, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';

// A record's fields as the audit log shows them.

// Columns every record has, which say nothing about the change itself.
const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'workspace']);

export function auditedProps(meta: EntityMetadata<object>): EntityProperty<object>[] {
  return meta.props.filter(
    (prop) => !BOOKKEEPING.has(prop.name) && prop.persist !== false && !prop.formula
      && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
  );
}

export function valuesOf(props: EntityProperty<object>[], read: (prop: EntityProperty<object>) => unknown): Record<string, unknown> {
  return Object.fromEntries(props.map((prop) => [prop.name, plain(read(prop))]));
}

/** A value as JSON shows it: dates as ISO-8601, related records as their id, binary as its size. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  // An uploaded file is named by its size: the log records the write, not a second copy of the file.
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (isRecordOrRef(value)) return idOf(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

export function idOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isRecordOrRef(value)) return helper(Reference.unwrapReference(value)).getSerializedPrimaryKey();
  return null;
}

// Not a type guard: Utils.isEntity's would narrow every other value away.
function isRecordOrRef(value: unknown): boolean {
  return Utils.isEntity(value, true);
}
