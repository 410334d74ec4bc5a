import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { ImportJob } from './import-job.entity.ts';
import { PlatformConnection } from './platform-connection.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const unlinkedRowStates = ['open', 'resolved', 'dismissed'] as const;

// A valid import row (or a post a connection found) that named no known post, tracking link or offer code. It waits here until
// the user links it (and it is stored like any imported row) or dismisses it. `fingerprint` is the
// row's kind, platform and values: importing the same file again finds the row already waiting.
export const UnlinkedImportRow = defineEntity({
  name: 'UnlinkedImportRow',
  tableName: 'unlinked_import_row',
  uniques: [{ properties: ['workspace', 'fingerprint'] }],
  indexes: [{ properties: ['workspace', 'state', 'createdAt'] }, { properties: ['importJob'] }, { properties: ['workspace', 'matchKey'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    // The import that read the row, or the connection whose pull found the post (one of the two).
    importJob: () => p.manyToOne(ImportJob).nullable(),
    connection: () => p.manyToOne(PlatformConnection).nullable().index(),
    line: p.integer(),
    kind: p.string().length(32),
    platform: p.string().length(32),
    // What the row named that nothing matched (a post id or URL, UTM tags, a code): rows with the
    // same key are resolved together.
    matchKey: p.string().length(2048),
    raw: p.json<Record<string, string>>(),
    parsed: p.json<Record<string, unknown>>(),
    reason: p.text(),
    state: p.enum(unlinkedRowStates).default('open'),
    fingerprint: p.string().length(64),
    resolvedAt: p.datetime().nullable(),
    // The post, tracking link or offer code the user linked the row to.
    resolvedTo: p.uuid().nullable(),
  },
});
export type IUnlinkedImportRow = InferEntity<typeof UnlinkedImportRow>;
