// A small typed client over the generated OpenAPI types (schema.d.ts, from api/openapi.json).
// Browser-safe: it holds no key by itself; src/lib/server/api.ts creates it with the session's key.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type { paths, components };
type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type Workspace = Schemas['Workspace'];
export type Asset = Schemas['Asset'];
export type AssetWithHistory = Schemas['AssetWithHistory'];
export type AssetTransition = Schemas['AssetTransition'];
export type Campaign = Schemas['Campaign'];
export type Source = Schemas['Source'];
export type ProductionReport = Schemas['ProductionReport'];
export type Money = Schemas['Money'];
export type Distribution = Schemas['Distribution'];
export type Post = Schemas['Post'];
export type Comment = Schemas['Comment'];
export type Alert = Schemas['Alert'];
export type BrandSafetyReport = Schemas['BrandSafetyReport'];
export type AudienceReport = Schemas['AudienceReport'];
export type CommercialReport = Schemas['CommercialReport'];
export type CampaignReport = Schemas['CampaignReport'];
export type OverviewReport = Schemas['OverviewReport'];
export type ComparisonReport = Schemas['ComparisonReport'];
export type ExecutiveAnswer = Schemas['ExecutiveAnswer'];
export type AnswerKpi = Schemas['AnswerKpi'];
export type TieredKpi = Schemas['TieredKpi'];
export type ShareLink = Schemas['ShareLink'];
export type IssuedShareLink = Schemas['IssuedShareLink'];
export type ImportJob = Schemas['ImportJob'];
export type UnlinkedImportRow = Schemas['UnlinkedImportRow'];
export type ColumnMapping = Schemas['ColumnMapping'];
export type Media = Schemas['Media'];
export type Brief = Schemas['Brief'];
export type CostLine = Schemas['CostLine'];

export type AssetListQuery = NonNullable<paths['/v1/assets']['get']['parameters']['query']>;
export type ProductionReportQuery = NonNullable<paths['/v1/reports/production']['get']['parameters']['query']>;
export type BrandSafetyQuery = NonNullable<paths['/v1/reports/brand-safety']['get']['parameters']['query']>;
export type CommentListQuery = NonNullable<paths['/v1/comments']['get']['parameters']['query']>;
export type AudienceReportQuery = NonNullable<paths['/v1/reports/audience']['get']['parameters']['query']>;
export type CommercialReportQuery = NonNullable<paths['/v1/reports/commercial']['get']['parameters']['query']>;
export type ComparisonReportQuery = NonNullable<paths['/v1/reports/comparison']['get']['parameters']['query']>;
export type ExecutiveAnswerQuery = paths['/v1/reports/executive-answer']['get']['parameters']['query'];
export type AlertListQuery = NonNullable<paths['/v1/alerts']['get']['parameters']['query']>;
export type ReviewDecision = paths['/v1/assets/{id}/reviews']['post']['requestBody']['content']['application/json']['decision'];

export type ApiClientOptions = {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof globalThis.fetch;
};

export function createApiClient({ baseUrl, apiKey, fetch }: ApiClientOptions) {
  // The reports also answer text/csv (exports); the dashboard always reads their JSON.
  return createClient<paths, `${string}/json`>({
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json, application/problem+json' },
    ...(fetch ? { fetch } : {}),
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A problem+json body as the API sends it, or one made up from the status when the body is not one. */
export function toProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object' && 'detail' in body && typeof (body as Problem).detail === 'string') {
    return body as Problem;
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: `The API answered ${response.status} ${response.statusText}`.trim() + '.',
    code: 'unexpected_response',
  };
}

/** The problem's field errors keyed by input name ("body.reason" and "reason" both become "reason"). */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of problem?.errors ?? []) {
    const name = field.replace(/^(body|querystring|params)\.?/, '') || field;
    out[name] = out[name] ? `${out[name]} ${message}` : message;
  }
  return out;
}
