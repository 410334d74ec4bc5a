import { defineEnvVars } from '@sveltejs/kit/env';

// Read when the server starts; private (server-only) by default.
export const variables = defineEnvVars({
  API_URL: {
    description: 'Base URL of the persona-ops API, e.g. http://127.0.0.1:3000',
    schema: (value) => {
      const url = value?.trim() || 'http://127.0.0.1:3000';
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
      } catch {
        throw new Error(`API_URL must be an http(s) URL, e.g. http://127.0.0.1:3000 (got "${url}")`);
      }
      return url.replace(/\/+$/, '');
    },
  },
  // serve.ts checks it and makes it the origin of every request; here it is where share links point
  // when the API has no PUBLIC_URL (never the Host header a client sent).
  ORIGIN: {
    description: "The dashboard's public origin, e.g. https://ops.example.com",
    schema: (value) => value?.trim().replace(/\/+$/, '') || undefined,
  },
});
