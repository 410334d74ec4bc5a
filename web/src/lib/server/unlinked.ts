import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Problem } from '#lib/api/client.ts';
import { parseTarget } from '#lib/imports.ts';
import { formText } from '#lib/form-fields.ts';
import { apiFor, attempt } from './api.ts';

// What a producer does with an unlinked row, from whichever page lists it: link it (alone, or with
// every open row naming the same thing) or dismiss it. A problem (e.g. 409 when someone resolved
// it meanwhile, 404 when it is gone) comes back with the row's id, to be shown on that row.

const refused = (rowId: string, problem: Problem) => fail(problem.status, { rowId, problem });
const invalid = (rowId: string, detail: string, field: string) =>
  refused(rowId, { type: 'about:blank', title: 'Choose what the row is about', status: 400, detail, code: 'invalid_input', errors: [{ field, message: detail }] });

async function resolve(event: RequestEvent) {
  const api = apiFor(event);
  const form = await event.request.formData();
  const rowId = formText(form, 'rowId');
  const target = parseTarget(formText(form, 'target'));
  if (!target) return invalid(rowId, 'Choose the post, tracking link or offer code this row is about.', 'target');
  if (form.get('everyWithKey') === 'on') {
    const matchKey = formText(form, 'matchKey');
    const kind = form.get('kind') === 'conversions' ? 'conversions' : 'post-metrics';
    const result = await attempt(event, () => api.POST('/v1/imports/unlinked/resolve', { body: { matchKey, kind, ...target } }));
    if (result.problem) return refused(rowId, result.problem);
    return { rowId, resolved: result.data.resolved, stillOpen: result.data.rejections.map((r) => `line ${r.line}: ${r.reason}`) };
  }
  const result = await attempt(event, () => api.POST('/v1/imports/unlinked/{id}/resolve', { params: { path: { id: rowId } }, body: target }));
  if (result.problem) return refused(rowId, result.problem);
  return { rowId, resolved: 1, stillOpen: [] as string[] };
}

async function dismiss(event: RequestEvent) {
  const api = apiFor(event);
  const rowId = formText(await event.request.formData(), 'rowId');
  const result = await attempt(event, () => api.POST('/v1/imports/unlinked/{id}/dismiss', { params: { path: { id: rowId } } }));
  if (result.problem) return refused(rowId, result.problem);
  return { rowId, dismissed: true };
}

export const unlinkedActions = { resolve, dismiss };
