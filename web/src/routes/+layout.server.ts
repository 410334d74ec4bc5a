import { apiFor, load as call } from '#lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

// Every page but the login page and shared reports needs a key (apiFor sends the visitor to log
// in); the header shows the workspace (brand) the key belongs to. A shared report is read by
// someone without a key: its token is the only credential.
export const load: LayoutServerLoad = async (event) => {
  if (event.url.pathname === '/login' || event.url.pathname.startsWith('/shared/')) return { workspace: null };
  const api = apiFor(event);
  const workspace = await call(event, () => api.GET('/v1/workspace'));
  // The API shows whether a webhook secret is set to admins only (null for every other role), so
  // that says whether to offer the Settings link; the settings page itself asks the API again.
  return { workspace: { name: workspace.name, currency: workspace.currency, admin: workspace.alertWebhookSecretSet !== null } };
};
