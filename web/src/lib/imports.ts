// The imports pages' rules that need no API: which platforms each kind of export takes, how an
// upload form becomes the API's query (checked before the file is sent, so a wrong value is named
// beside its field), how far a job has got, and how a resolve target travels in one select.
import { fieldsOfKind, importKindsByPlatform, type PlatformImportKind } from '@persona-ops/domain/core';
import { formText, formTexts } from './form-fields.ts';
import { isOneOf } from './params.ts';

export { fieldsOfKind, importKindsByPlatform };
export type { PlatformImportKind };

export const importKinds = Object.keys(importKindsByPlatform) as PlatformImportKind[];
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export const kindLabels: Record<string, string> = { 'post-metrics': 'Post metrics', conversions: 'Conversions', comments: 'Comments' };
export const platformLabels: Record<string, string> = { instagram: 'Instagram', tiktok: 'TikTok', youtube: 'YouTube', ga4: 'Google Analytics 4', shopify: 'Shopify' };

/** "Post metrics · Instagram"; comments exports have no platform. */
export const exportLabel = (kind: string, platform: string | null) =>
  [kindLabels[kind] ?? kind, platform && (platformLabels[platform] ?? platform)].filter(Boolean).join(' · ');

/** Rows of the mapping editor the upload form offers. */
export const MAPPING_ROWS = 4;

export type UploadQuery =
  | { kind: 'post-metrics'; query: { platform: 'instagram' | 'tiktok' | 'youtube'; sourceId?: string; capturedAt?: string; fileName: string; mapping?: string; saveMapping?: 'true' } }
  | { kind: 'conversions'; query: { platform: 'ga4' | 'shopify'; currency: string; fileName: string; mapping?: string; saveMapping?: 'true' } };

/** What the form had, sent back with its errors so nothing typed is lost. */
export type UploadValues = { kind: string; platform: string; sourceId: string; capturedAt: string; currency: string; saveMapping: boolean; mapping: { column: string; field: string }[] };

const text = (form: FormData, name: string) => formText(form, name).trim();

/** The mapping editor's rows: "column in the file" and "field" pairs, empty rows left out. */
export function readMapping(form: FormData): { column: string; field: string }[] {
  const columns = formTexts(form, 'mappingColumn').map((v) => v.trim());
  const fields = formTexts(form, 'mappingField').map((v) => v.trim());
  return columns.map((column, i) => ({ column, field: fields[i] ?? '' })).filter((row) => row.column || row.field);
}

export function readUploadValues(form: FormData): UploadValues {
  return {
    kind: text(form, 'kind'),
    platform: text(form, 'platform'),
    sourceId: text(form, 'sourceId'),
    capturedAt: text(form, 'capturedAt'),
    currency: text(form, 'currency').toUpperCase(),
    saveMapping: form.get('saveMapping') === 'on',
    mapping: readMapping(form),
  };
}

/**
 * The API's query for an upload, or the errors by field name. The capture time comes from a
 * datetime-local input, read as UTC like every time on the dashboard.
 */
export function toUploadQuery(values: UploadValues, fileName: string): { upload: UploadQuery | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!isOneOf(importKinds, values.kind)) {
    errors.kind = `must be one of ${importKinds.join(', ')}`;
    return { upload: null, errors };
  }
  const kind = values.kind;
  const platforms = importKindsByPlatform[kind];
  if (!isOneOf(platforms, values.platform)) errors.platform = `${kindLabels[kind]} take ${platforms.map((p) => platformLabels[p]).join(', ')} exports`;

  const mapping: Record<string, string> = {};
  const fields: readonly string[] = fieldsOfKind[kind];
  for (const row of values.mapping) {
    if (!row.column || !row.field) errors.mapping = 'name both the column in the file and the field it holds';
    else if (!fields.includes(row.field)) errors.mapping = `"${row.field}" is not a field of ${kindLabels[kind]?.toLowerCase()}`;
    else if (mapping[row.column]) errors.mapping = `the column "${row.column}" is mapped twice`;
    else mapping[row.column] = row.field;
  }
  if (values.saveMapping && Object.keys(mapping).length === 0) errors.saveMapping = 'map at least one column to save a mapping';
  const extra = {
    fileName,
    ...(Object.keys(mapping).length ? { mapping: JSON.stringify(mapping) } : {}),
    ...(values.saveMapping ? { saveMapping: 'true' as const } : {}),
  };

  if (kind === 'conversions') {
    if (!/^[A-Z]{3}$/.test(values.currency)) errors.currency = 'must be the revenue currency\'s three-letter code, e.g. EUR';
    if (Object.keys(errors).length) return { upload: null, errors };
    return { upload: { kind, query: { platform: values.platform as 'ga4' | 'shopify', currency: values.currency, ...extra } }, errors };
  }
  let capturedAt: string | undefined;
  if (values.capturedAt) {
    const at = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(values.capturedAt) ? values.capturedAt : `${values.capturedAt}Z`);
    if (Number.isNaN(at)) errors.capturedAt = 'must be a date and time, e.g. 2026-03-10T09:00';
    else capturedAt = new Date(at).toISOString();
  }
  if (values.sourceId && !/^[0-9a-f-]{36}$/i.test(values.sourceId)) errors.sourceId = 'must be one of the listed sources';
  if (Object.keys(errors).length) return { upload: null, errors };
  const query = { platform: values.platform as 'instagram' | 'tiktok' | 'youtube', ...(values.sourceId ? { sourceId: values.sourceId } : {}), ...(capturedAt ? { capturedAt } : {}), ...extra };
  return { upload: { kind, query }, errors };
}

type Progressing = { state: string; processedRows: number; totalRows: number | null };

/** Whether the job still moves: the page keeps reading it until it has finished. */
export const isRunning = (job: Pick<Progressing, 'state'>) => job.state === 'queued' || job.state === 'running';

/** The share of rows read, 0–100, or null while the job has not counted the file's rows yet. */
export function progressPercent(job: Progressing): number | null {
  if (job.state === 'done') return 100;
  if (!job.totalRows) return null;
  return Math.min(100, Math.round((job.processedRows / job.totalRows) * 100));
}

// A resolve target travels in one select as "<field>:<id>", so a conversions row can be linked to
// a tracking link or an offer code from the same list.
const targetFields = ['postId', 'trackingLinkId', 'offerCodeId'] as const;
export type ResolveTarget = { postId: string } | { trackingLinkId: string } | { offerCodeId: string };

export type TargetOption = { value: string; label: string };
/** What open rows can be linked to: posts by platform (post metrics), links and codes (conversions). */
export type Targets = { posts: Record<string, TargetOption[]>; trackingLinks: TargetOption[]; offerCodes: TargetOption[] };

export const targetValue = (field: (typeof targetFields)[number], id: string) => `${field}:${id}`;

export function parseTarget(value: string): ResolveTarget | null {
  const [field, id] = value.split(':');
  if (!field || !id || !isOneOf(targetFields, field) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { [field]: id } as ResolveTarget;
}

/**
 * An unlinked row's parsed values as "views: 3,100 · reach: 2,900"; groups (a row's counters) are
 * spread out, values it lacks are left out.
 */
export function describeParsed(parsed: Record<string, unknown>): string {
  const entries = (values: Record<string, unknown>): [string, unknown][] =>
    Object.entries(values).flatMap(([name, value]) => (value && typeof value === 'object' && !Array.isArray(value) ? entries(value as Record<string, unknown>) : [[name, value] as [string, unknown]]));
  return entries(parsed)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => `${name}: ${typeof value === 'number' ? new Intl.NumberFormat('en-US').format(value) : typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
