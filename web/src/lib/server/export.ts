// Report exports through the dashboard: the browser asks this server, which asks the API with the
// session's key, so the key never reaches the browser.
import { error, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { toPeriodQuery } from '#lib/filters.ts';
import { apiBaseUrl } from './api.ts';
import { clearKey, setLoginNotice } from './session.ts';

const REPORTS = {
  production: { path: '/v1/reports/production', params: ['campaignId', 'sourceId', 'sourceKind'] },
  'brand-safety': { path: '/v1/reports/brand-safety', params: ['campaignId', 'sourceId', 'sourceKind', 'postId'] },
  audience: { path: '/v1/reports/audience', params: ['campaignId', 'sourceId', 'sourceKind', 'lagDays'] },
  commercial: { path: '/v1/reports/commercial', params: ['campaignId', 'sourceId', 'sourceKind'] },
  overview: { path: '/v1/reports/overview', params: ['campaignId'] },
  comparison: { path: '/v1/reports/comparison', params: ['campaignId', 'sourceKind', 'goal', 'windowDays', 'asOf'] },
  campaign: { path: '/v1/reports/campaign/{id}', params: ['sourceId', 'sourceKind', 'lagDays'] },
  // Not a report but the Assets page's list, one row per asset.
  assets: { path: '/v1/assets/export', params: ['campaignId', 'sourceId', 'state', 'approvedWeek'] },
} as const;
export type ExportableReport = keyof typeof REPORTS;

const ACCEPT = { csv: 'text/csv', json: 'application/json', pdf: 'application/pdf' } as const;

const isReport = (name: string): name is ExportableReport => Object.hasOwn(REPORTS, name);

/** The API's answer to one export, passed on as a download. */
export async function exportReport(event: Pick<RequestEvent, 'params' | 'url' | 'locals' | 'cookies'>, report: string): Promise<Response> {
  const key = event.locals.apiKey;
  if (!key) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  if (!isReport(report)) error(404, `There is no ${report} report to download.`);
  const search = event.url.searchParams;
  // Only the campaign report prints (A4, for people who read it on paper or attach it).
  const asked = search.get('format');
  const format = asked === 'json' ? 'json' : asked === 'pdf' && report === 'campaign' ? 'pdf' : 'csv';
  const spec = REPORTS[report];
  let path: string = spec.path;
  if (report === 'campaign') {
    const id = search.get('id') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(id)) error(400, 'Name the campaign to download (id=<campaign id>).');
    path = path.replace('{id}', id);
  }
  const query = new URLSearchParams({ format });
  for (const name of spec.params) {
    const value = search.get(name)?.trim();
    if (value) query.set(name, value);
  }
  // The comparison measures each source over its own window since launch: it takes no period.
  if (report !== 'comparison') {
    const period = toPeriodQuery({ from: search.get('from') ?? '', to: search.get('to') ?? '' });
    const firstError = Object.entries(period.errors)[0];
    if (firstError) error(400, `${firstError[0]} ${firstError[1]}`);
    if (period.query.from) query.set('from', period.query.from);
    if (period.query.to) query.set('to', period.query.to);
  }

  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}${path}?${query}`, { headers: { authorization: `Bearer ${key}`, accept: `${ACCEPT[format]}, application/problem+json` } });
  } catch (cause) {
    console.error(`API at ${apiBaseUrl} is unreachable`, cause);
    error(503, `The API at ${apiBaseUrl} does not answer. Start it (pnpm start) or set API_URL, then reload.`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { detail?: string } | null;
    const detail = body?.detail ?? `The API answered ${response.status}.`;
    if (response.status === 401) {
      clearKey(event.cookies, event.url);
      setLoginNotice(event.cookies, event.url, detail);
      redirect(303, '/login');
    }
    error(response.status, detail);
  }
  const name = report === 'campaign' ? `campaign-report-${search.get('id')}` : report === 'assets' ? 'assets' : `${report}-report`;
  return new Response(response.body, {
    headers: {
      'content-type': response.headers.get('content-type') ?? ACCEPT[format],
      'content-disposition': response.headers.get('content-disposition') ?? `attachment; filename="${name}.${format}"`,
      'cache-control': 'private, no-store',
    },
  });
}
