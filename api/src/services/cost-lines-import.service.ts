import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { Campaign, Source } from '@persona-ops/domain/store';
import { assertCostLine, fromMajor, isDomainError } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { incomingCostLineSchema } from '../http/cost-line-input.ts';
import { upsertCostLines, type IncomingCostLine } from './cost-lines.service.ts';

type Rejection = { line: number; column: string; reason: string };

// The header names a cost-line CSV may use for each field (case, spaces and dashes do not matter).
const COLUMNS = {
  campaign: ['campaign', 'campaign id', 'campaign name'],
  source: ['source', 'source id', 'source name', 'creator'],
  kind: ['kind', 'type', 'cost kind'],
  basis: ['basis'],
  amount: ['amount'],
  amountMinor: ['amount minor', 'amountminor'],
  deliverables: ['deliverables'],
  currency: ['currency'],
  incurredOn: ['incurred on', 'incurredon', 'date', 'day'],
  status: ['status'],
  split: ['split'],
  shares: ['shares'],
  externalId: ['external id', 'externalid', 'invoice', 'reference'],
  note: ['note', 'description'],
} as const;
type Field = keyof typeof COLUMNS;

const key = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Names or ids to ids, within the workspace; a name two records share is refused as ambiguous.
function resolver(rows: ReadonlyArray<{ id: string; name: string }>, what: string) {
  const byName = Map.groupBy(rows, (row) => row.name.trim().toLowerCase());
  const ids = new Set(rows.map((row) => row.id));
  return (text: string): { id: string } | { reason: string } => {
    if (UUID.test(text)) return ids.has(text.toLowerCase()) ? { id: text.toLowerCase() } : { reason: `no ${what} with this id in this workspace` };
    const found = byName.get(text.trim().toLowerCase()) ?? [];
    if (found.length === 1) return { id: found[0]!.id };
    return { reason: found.length === 0 ? `no ${what} named "${text}" in this workspace` : `${found.length} ${what}s are named "${text}": use the id` };
  };
}

/**
 * Cost lines from a spreadsheet export: one line a row, campaigns and sources by id or exact name,
 * amounts in major units ("1,500.00") or minor units. Good rows are recorded (idempotent by
 * externalId, as the bulk endpoint); every other row is answered with its line, column and reason.
 */
export async function importCostLines(em: EntityManager, workspaceId: string, csv: string) {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new ApiError(400, 'invalid_file', `The file is not a readable CSV (${error instanceof Error ? error.message : 'parse error'}). Save it as "CSV UTF-8" and upload it again.`, [{ field: 'body', message: 'is not a CSV' }]);
  }
  const [header, ...rows] = records;
  if (!header) throw new ApiError(400, 'invalid_file', 'The file is empty. Upload a CSV with a header row and one cost line a row.', [{ field: 'body', message: 'is empty' }]);
  const index = new Map<Field, number>();
  for (const [field, names] of Object.entries(COLUMNS) as Array<[Field, readonly string[]]>) {
    const at = header.findIndex((cell) => names.includes(key(cell)));
    if (at >= 0) index.set(field, at);
  }
  const needed: Field[] = ['campaign', 'kind', 'currency', 'incurredOn'];
  const absent = needed.filter((field) => !index.has(field));
  if (!index.has('amount') && !index.has('amountMinor')) absent.push('amount');
  if (absent.length > 0) {
    throw new ApiError(400, 'missing_columns', `The file has no ${absent.join(', ')} column. Its columns: ${header.join(', ')}. Name them as in the README (campaign, source, kind, amount, currency, date, …).`, absent.map((field) => ({ field: `body.${field}`, message: 'column is missing' })));
  }
  if (rows.length === 0) throw new ApiError(400, 'invalid_file', 'The file has a header but no rows. Upload it with its cost lines.', [{ field: 'body', message: 'has no rows' }]);
  if (rows.length > 10_000) throw new ApiError(400, 'too_many_rows', `The file has ${rows.length} rows; send at most 10,000 a file.`, [{ field: 'body', message: 'has more than 10,000 rows' }]);

  const [campaigns, sources] = await Promise.all([
    em.find(Campaign, { workspace: workspaceId }, { fields: ['id', 'name'] }),
    em.find(Source, { workspace: workspaceId }, { fields: ['id', 'name'] }),
  ]);
  const campaignOf = resolver(campaigns, 'campaign');
  const sourceOf = resolver(sources, 'source');
  const rejected: Rejection[] = [];
  const good: IncomingCostLine[] = [];

  rows.forEach((row, i) => {
    const line = i + 2;
    const cell = (field: Field) => {
      const at = index.get(field);
      const value = at === undefined ? '' : (row[at] ?? '').trim();
      return value === '' ? undefined : value;
    };
    const reject = (field: Field, reason: string) => rejected.push({ line, column: header[index.get(field) ?? 0] ?? field, reason });
    const campaign = campaignOf(cell('campaign') ?? '');
    if ('reason' in campaign) return reject('campaign', campaign.reason);
    const sourceText = cell('source');
    const source = sourceText === undefined ? undefined : sourceOf(sourceText);
    if (source && 'reason' in source) return reject('source', source.reason);
    let shares: Record<string, number> | undefined;
    const sharesText = cell('shares');
    if (sharesText) {
      shares = {};
      for (const part of sharesText.split(';').map((p) => p.trim()).filter(Boolean)) {
        const [name, percent] = part.split(/:(?=[^:]*$)/).map((p) => p.trim());
        const target = sourceOf(name ?? '');
        if ('reason' in target) return reject('shares', target.reason);
        shares[target.id] = Number(percent?.replace('%', ''));
      }
    }
    const currency = (cell('currency') ?? '').toUpperCase();
    let amountMinor: number;
    try {
      const minor = cell('amountMinor');
      amountMinor = minor !== undefined ? Number(minor) : fromMajor(Number((cell('amount') ?? '').replace(/,/g, '')), currency).amountMinor;
    } catch {
      return reject(index.has('amount') ? 'amount' : 'amountMinor', 'is not an amount: write 1500.00 or 1,500.00 in major units (a dot before the cents)');
    }
    const candidate = {
      campaignId: campaign.id,
      ...(source ? { sourceId: source.id } : {}),
      kind: cell('kind')?.toLowerCase().replace(/[\s-]+/g, '_'),
      ...(cell('basis') ? { basis: cell('basis')!.toLowerCase().replace(/[\s-]+/g, '_') } : {}),
      amountMinor,
      ...(cell('deliverables') ? { deliverables: Number(cell('deliverables')) } : {}),
      currency,
      incurredOn: cell('incurredOn'),
      ...(cell('status') ? { status: cell('status')!.toLowerCase() } : {}),
      ...(cell('split') ? { split: cell('split')!.toLowerCase() } : {}),
      ...(shares ? { shares } : {}),
      ...(cell('externalId') ? { externalId: cell('externalId') } : {}),
      ...(cell('note') ? { note: cell('note') } : {}),
    };
    const parsed = incomingCostLineSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'campaign');
        reject((field === 'campaignId' ? 'campaign' : field === 'sourceId' ? 'source' : field === 'amountMinor' ? (index.has('amount') ? 'amount' : 'amountMinor') : field) as Field, issue.message);
      }
      return;
    }
    try {
      assertCostLine({ sourceId: parsed.data.sourceId ?? null, basis: parsed.data.basis, unitAmountMinor: parsed.data.amountMinor, deliverables: parsed.data.basis === 'per_deliverable' ? (parsed.data.deliverables ?? 0) : (parsed.data.deliverables ?? 1), split: parsed.data.split ?? null, shares: parsed.data.shares ?? null });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const field = error.details?.['field'];
      return reject((typeof field === 'string' && field in COLUMNS ? field : 'amount') as Field, error.message);
    }
    good.push(parsed.data);
  });

  const stored = good.length === 0 ? { inserted: 0, updated: 0, unchanged: 0 } : await upsertCostLines(em, workspaceId, good);
  return { rows: rows.length, inserted: stored.inserted, updated: stored.updated, unchanged: stored.unchanged, rejectedCount: rejected.length, rejected: rejected.slice(0, 1_000) };
}
