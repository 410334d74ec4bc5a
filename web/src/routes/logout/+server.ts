import { redirect } from '@sveltejs/kit';
import { clearKey } from '#lib/server/session.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies, url }) => {
  clearKey(cookies, url);
  redirect(303, '/login');
};
