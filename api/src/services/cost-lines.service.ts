import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, CostLine, Source, type ICostLine } from '@persona-ops/domain/store';
import { assertCostLine, costLineAmount, isDomainError, type CostBasis, type CostKind, type CostSplitRule, type CostStatus } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { assertFilterIdsOwned, findOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

export type IncomingCostLine = {
  campaignId: string;
  sourceId?: string | undefined;
  externalId?: string | undefined;
  kind: CostKind;
  basis: CostBasis;
  amountMinor: number;
  deliverables?: number | undefined;
  currency: string;
  incurredOn: string;
  status: CostStatus;
  split?: CostSplitRule | undefined;
  shares?: Record<string, number> | undefined;
  note?: string | undefined;
};

type FieldError = { field: string; message: string };

// What a line says besides its amount and whom it is for, the same stored and shown (missing is null).
function terms(line: Pick<IncomingCostLine, 'currency' | 'incurredOn' | 'status' | 'split' | 'shares' | 'note'> | Pick<ICostLine, 'currency' | 'incurredOn' | 'status' | 'split' | 'shares' | 'note'>) {
  return { currency: line.currency, incurredOn: line.incurredOn, status: line.status, split: line.split ?? null, shares: line.shares ?? null, note: line.note ?? null };
}

export function toCostLineDto(line: ICostLine) {
  return {
    id: line.id,
    campaignId: line.campaign.id,
    sourceId: line.source?.id ?? null,
    externalId: line.externalId ?? null,
    kind: line.kind,
    basis: line.basis,
    unitAmountMinor: line.unitAmountMinor,
    deliverables: line.deliverables,
    amountMinor: costLineAmount(line).amountMinor,
    ...terms(line),
    createdAt: line.createdAt.toISOString(),
    updatedAt: line.updatedAt.toISOString(),
  };
}

// A line's values in one canonical text: jsonb stores the shares' keys in its own order.
function comparable(line: ICostLine): string {
  const { updatedAt: _, shares, ...rest } = toCostLineDto(line);
  return JSON.stringify({ ...rest, shares: shares && Object.fromEntries(Object.entries(shares).sort(([a], [b]) => a.localeCompare(b))) });
}

// The stored form of an incoming line, or the field and reason it is refused for.
function toStored(line: IncomingCostLine) {
  return {
    sourceId: line.sourceId ?? null,
    externalId: line.externalId ?? null,
    kind: line.kind,
    basis: line.basis,
    unitAmountMinor: line.amountMinor,
    deliverables: line.basis === 'per_deliverable' ? (line.deliverables ?? 0) : (line.deliverables ?? 1),
    ...terms(line),
  };
}

async function ownedIds(em: EntityManager, table: 'campaign' | 'source', ids: string[], workspaceId: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = table === 'campaign'
    ? await em.find(Campaign, { id: { $in: ids }, workspace: workspaceId }, { fields: ['id'] })
    : await em.find(Source, { id: { $in: ids }, workspace: workspaceId }, { fields: ['id'] });
  return new Set(found.map((row) => row.id));
}

/**
 * Records cost lines, all or nothing: a line with an `externalId` already stored replaces it (so an
 * upload sent again changes nothing), every other line is added. A campaign or source of another
 * workspace is not found (404); a line that breaks a cost rule is refused naming its field.
 */
export async function upsertCostLines(em: EntityManager, workspaceId: string, lines: IncomingCostLine[], fieldOf = (i: number, field: string) => `body.lines.${i}${field ? `.${field}` : ''}`) {
  const campaignIds = [...new Set(lines.map((line) => line.campaignId))];
  const sourceIds = [...new Set(lines.flatMap((line) => [...(line.sourceId ? [line.sourceId] : []), ...Object.keys(line.shares ?? {})]))];
  const [campaigns, sources] = await Promise.all([ownedIds(em, 'campaign', campaignIds, workspaceId), ownedIds(em, 'source', sourceIds, workspaceId)]);
  const unknown: FieldError[] = lines.flatMap((line, i) => [
    ...(campaigns.has(line.campaignId) ? [] : [{ field: fieldOf(i, 'campaignId'), message: `no campaign ${line.campaignId} in this workspace` }]),
    ...(line.sourceId && !sources.has(line.sourceId) ? [{ field: fieldOf(i, 'sourceId'), message: `no source ${line.sourceId} in this workspace` }] : []),
    ...Object.keys(line.shares ?? {}).filter((id) => !sources.has(id)).map((id) => ({ field: fieldOf(i, `shares.${id}`), message: `no source ${id} in this workspace` })),
  ]);
  if (unknown.length > 0) throw new ApiError(404, 'not_found', `${unknown.length === 1 ? 'A line names' : `${unknown.length} references name`} something this workspace does not have. Check the ids, or list campaigns and sources to find the right ones.`, unknown);

  const stored = lines.map(toStored);
  const refused: FieldError[] = [];
  stored.forEach((line, i) => {
    try {
      assertCostLine(line);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const field = typeof error.details?.['field'] === 'string' ? error.details['field'] : '';
      refused.push({ field: fieldOf(i, field), message: error.message });
    }
  });
  if (refused.length > 0) throw new ApiError(400, 'invalid_input', `${refused.length === 1 ? 'A cost line is' : `${refused.length} cost lines are`} invalid. Fix the fields named in errors and send the request again.`, refused);

  return em.transactional(async (tx) => {
    const externalIds = stored.flatMap((line) => (line.externalId ? [line.externalId] : []));
    const existing = externalIds.length === 0 ? [] : await tx.find(CostLine, { workspace: workspaceId, externalId: { $in: externalIds } });
    const byExternalId = new Map(existing.map((line) => [line.externalId, line]));
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    const result = stored.map((line, i) => {
      const values = { ...line, campaign: lines[i]!.campaignId, source: line.sourceId };
      const { sourceId: _, ...assignable } = values;
      const known = line.externalId ? byExternalId.get(line.externalId) : undefined;
      if (!known) {
        inserted += 1;
        const created = tx.create(CostLine, { workspace: workspaceId, ...assignable });
        if (line.externalId) byExternalId.set(line.externalId, created);
        return created;
      }
      const before = comparable(known);
      tx.assign(known, assignable);
      if (comparable(known) === before) unchanged += 1;
      else updated += 1;
      return known;
    });
    await tx.flush();
    return { inserted, updated, unchanged, lines: result };
  });
}

export async function listCostLines(em: EntityManager, workspaceId: string, filter: { campaignId?: string | undefined; sourceId?: string | undefined; kind?: CostKind | undefined; status?: CostStatus | undefined }, page: PageRequest) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId });
  return paginate(em, CostLine, {
    workspace: workspaceId,
    ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
    ...(filter.sourceId ? { source: filter.sourceId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  }, page);
}

export async function deleteCostLine(em: EntityManager, workspaceId: string, id: string) {
  const line = await findOwned(em, CostLine, 'cost line', id, workspaceId);
  await em.remove(line).flush();
  return line;
}
