import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { fieldErrors, type Problem } from '#lib/api/client.ts';
import type { Refusal } from '#lib/refusal.ts';
import { attempt } from './api.ts';

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Sends one form's call to the API; a refusal comes back as the page's ActionFailure for that form. */
export async function submitForm<T>(
  event: Pick<RequestEvent, 'cookies' | 'url'>,
  form: string,
  values: Record<string, string>,
  call: () => Promise<Result<T>>,
): Promise<{ data: T; failure: null } | { data: null; failure: ActionFailure<Refusal> }> {
  const result = await attempt(event, call);
  if (!result.problem) return { data: result.data, failure: null };
  return { data: null, failure: fail(result.problem.status, { form, problem: result.problem, fieldErrors: fieldErrors(result.problem), values }) };
}

/** A refusal found before calling the API (a field that cannot be read), worded like the API's. */
export function refuseForm(form: string, values: Record<string, string>, errors: Record<string, string>): ActionFailure<Refusal> {
  const problem: Problem = {
    type: 'about:blank',
    title: 'The form was not sent',
    status: 400,
    detail: 'Correct the marked fields and send it again.',
    code: 'invalid_input',
    errors: Object.entries(errors).map(([field, message]) => ({ field, message })),
  };
  return fail(400, { form, problem, fieldErrors: errors, values });
}
