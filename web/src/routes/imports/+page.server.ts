import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, type Problem } from '#lib/api/client.ts';
import { hrefWith } from '#lib/brand-safety.ts';
import { formText } from '#lib/form-fields.ts';
import { MAX_IMPORT_BYTES, readUploadValues, toUploadQuery } from '#lib/imports.ts';
import { oneOf, pageSize, reader } from '#lib/params.ts';
import { apiFor, attempt, load as call } from '#lib/server/api.ts';
import { sendImport } from '#lib/server/imports.ts';
import { loadLookups } from '#lib/server/lookups.ts';
import type { Actions, PageServerLoad } from './$types';

const kinds = ['post-metrics', 'conversions', 'comments'] as const;
const states = ['queued', 'running', 'done', 'failed'] as const;

// The upload form, the saved mappings and the imports so far, newest first.
export const load: PageServerLoad = async (event) => {
  const api = apiFor(event);
  const get = reader(event.url.searchParams);
  const filterErrors: Record<string, string> = {};
  const kind = oneOf(kinds, get('kind'), filterErrors, 'kind');
  const state = oneOf(states, get('state'), filterErrors, 'state');
  const cursor = get('cursor');
  const filters = { kind: kind ?? '', state: state ?? '', limit: get('limit') };
  const query = { limit: pageSize(get('limit')), ...(kind ? { kind } : {}), ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) };
  const [lookups, mappings, page] = await Promise.all([
    loadLookups(event, api),
    call(event, () => api.GET('/v1/import-mappings')),
    attempt(event, () => api.GET('/v1/imports', { params: { query } })),
  ]);
  return {
    filters,
    kinds,
    states,
    sources: lookups.sources,
    mappings: mappings.items,
    imports: page.data?.items ?? [],
    problem: page.problem,
    filterErrors: { ...filterErrors, ...fieldErrors(page.problem) },
    firstPageHref: cursor ? hrefWith('/imports', filters) : null,
    nextPageHref: page.data?.nextCursor ? hrefWith('/imports', filters, { cursor: page.data.nextCursor }) : null,
  };
};

const checkProblem = (errors: Record<string, string>): Problem => ({
  type: 'about:blank',
  title: 'The file was not sent',
  status: 400,
  detail: 'Correct the marked fields and upload it again.',
  code: 'invalid_input',
  errors: Object.entries(errors).map(([field, message]) => ({ field, message })),
});

export const actions: Actions = {
  // The file is read here and sent on as text/csv, so the API key stays on the server; the API's
  // problem (missing column, not UTF-8, too large…) comes back with the form as it was typed.
  upload: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const values = readUploadValues(form);
    const file = form.get('file');
    const fileName = file instanceof File && file.name ? file.name.slice(0, 255) : 'export.csv';
    const { upload, errors } = toUploadQuery(values, fileName);
    if (!(file instanceof File) || file.size === 0) errors.file = 'choose the export to upload (a .csv file with a header row)';
    else if (file.size > MAX_IMPORT_BYTES) errors.file = 'is larger than 50 MB: export a shorter period or split the file';
    if (!upload || errors.file) return fail(400, { values, problem: checkProblem(errors), fieldErrors: errors });

    const result = await sendImport(event, api, upload, new Uint8Array(await (file as File).arrayBuffer()));
    if (result.problem) {
      // The API names the request body; on this form that is the file.
      const errors = result.problem.errors?.map((e) => (e.field === 'body' ? { ...e, field: 'file' } : e));
      const problem = errors ? { ...result.problem, errors } : result.problem;
      return fail(problem.status, { values, problem, fieldErrors: fieldErrors(problem) });
    }
    redirect(303, `/imports/${result.data.id}`);
  },

  forgetMapping: async (event) => {
    const api = apiFor(event);
    const form = await event.request.formData();
    const kind = form.get('kind') === 'conversions' ? 'conversions' : 'post-metrics';
    const platform = formText(form, 'platform');
    if (!['instagram', 'tiktok', 'youtube', 'ga4', 'shopify'].includes(platform)) return fail(400, { mappingProblem: checkProblem({ platform: 'is not a platform of imports' }) });
    const result = await attempt(event, () =>
      api.DELETE('/v1/import-mappings/{kind}/{platform}', { params: { path: { kind, platform: platform as 'instagram' | 'tiktok' | 'youtube' | 'ga4' | 'shopify' } } }),
    );
    if (result.problem) return fail(result.problem.status, { mappingProblem: result.problem });
    return { forgotten: `${kind}/${platform}` };
  },
};
