import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

export const importKinds = ['comments', 'post-metrics', 'conversions'] as const;
export const importStates = ['queued', 'running', 'done', 'failed'] as const;

export type ImportRejection = { line: number; column: string | null; reason: string };
// What the upload said about rows that do not say it themselves.
export type ImportOptions = { capturedAt?: string; currency?: string; sourceId?: string };

// An uploaded file and what importing it did. The file is kept with the job so a retried job
// reads the same bytes; `processedRows` lets it resume instead of starting over.
export const ImportJob = defineEntity({
  name: 'ImportJob',
  tableName: 'import_job',
  indexes: [{ properties: ['workspace', 'createdAt'] }, { properties: ['state', 'createdAt'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace),
    requestedBy: () => p.manyToOne(User).nullable(),
    // The API request that asked for it (x-request-id): its job logs it.
    requestId: p.string().nullable(),
    kind: p.enum(importKinds),
    // The export's platform (instagram, tiktok, youtube, ga4, shopify); null for comments.
    platform: p.string().length(32).nullable(),
    options: p.json<ImportOptions>().nullable(),
    state: p.enum(importStates).default('queued'),
    fileName: p.string(),
    // Column name in the file -> field of the product.
    mapping: p.json<Record<string, string>>(),
    content: p.blob().lazy(),
    sizeBytes: p.integer(),
    totalRows: p.integer().nullable(),
    processedRows: p.integer().default(0),
    accepted: p.integer().default(0),
    duplicates: p.integer().default(0),
    rejectedCount: p.integer().default(0),
    // Valid rows naming no known post, link or code: kept in unlinked_import_row for the user.
    unlinked: p.integer().default(0),
    // Rows that are no data: an export's total row, GA4 traffic without a campaign.
    skipped: p.integer().default(0),
    rejections: p.json<ImportRejection[]>(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    error: p.text().nullable(),
  },
});
export type IImportJob = InferEntity<typeof ImportJob>;
