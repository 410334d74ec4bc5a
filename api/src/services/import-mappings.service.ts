import type { EntityManager } from '@mikro-orm/postgresql';
import { checkMappingFields, presetOf, type PlatformImportKind } from '@persona-ops/domain/core';
import { ColumnMapping, changedFields, recordAudit, upsertColumnMapping, type IColumnMapping } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';

// A workspace's saved column mappings, one per kind and platform.

export async function savedMappingOf(em: EntityManager, workspaceId: string, kind: PlatformImportKind, platform: string): Promise<Record<string, string> | null> {
  const saved = await em.findOne(ColumnMapping, { workspace: workspaceId, kind, platform });
  return saved?.mapping ?? null;
}

export async function saveMapping(em: EntityManager, workspaceId: string, kind: PlatformImportKind, platform: string, mapping: Record<string, string>) {
  presetOf(kind, platform);
  checkMappingFields(kind, mapping, 'body.mapping');
  const fields = Object.values(mapping);
  const repeated = fields.find((field, index) => fields.indexOf(field) !== index);
  if (repeated) throw new ApiError(400, 'invalid_input', `The mapping sends two columns to "${repeated}"; send one.`, [{ field: 'body.mapping', message: `maps two columns to ${repeated}` }]);
  // The upsert is raw SQL, out of the audit subscriber's sight: its entry is written here, in its transaction.
  return em.transactional(async (tx) => {
    const before = await savedMappingOf(tx, workspaceId, kind, platform);
    await upsertColumnMapping(tx, workspaceId, kind, platform, mapping, new Date());
    const saved = await tx.findOneOrFail(ColumnMapping, { workspace: workspaceId, kind, platform }, { refresh: true });
    const changes = changedFields(before === null ? null : { kind, platform, mapping: before }, { kind, platform, mapping });
    if (changes) await recordAudit(tx, { workspaceId, action: before === null ? 'create' : 'update', entityType: 'column_mapping', entityId: saved.id, changes });
    return saved;
  });
}

export const listMappings = (em: EntityManager, workspaceId: string) => em.find(ColumnMapping, { workspace: workspaceId }, { orderBy: { kind: 'asc', platform: 'asc' } });

export async function deleteMapping(em: EntityManager, workspaceId: string, kind: PlatformImportKind, platform: string) {
  const saved = await em.findOne(ColumnMapping, { workspace: workspaceId, kind, platform });
  if (!saved) throw new ApiError(404, 'not_found', `This workspace has no saved ${kind} mapping for ${platform}; uploads use the platform's usual column names.`);
  await em.remove(saved).flush();
  return saved;
}

export function toMappingDto(mapping: IColumnMapping) {
  return { kind: mapping.kind as PlatformImportKind, platform: mapping.platform, mapping: mapping.mapping, updatedAt: mapping.updatedAt.toISOString() };
}
