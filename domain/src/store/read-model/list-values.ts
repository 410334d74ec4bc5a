import type { Platform } from '@mikro-orm/core';

/**
 * A timestamptz as the connection gives it (PostgreSQL's text, the ORM's type parsers being
 * installed) to a Date, parsed as the ORM parses it when it hydrates an entity.
 */
export function parseTimestamp(platform: Platform, value: unknown): Date {
  return value instanceof Date ? value : platform.parseDate(value as string);
}
