import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';

// SvelteKit 3 takes its configuration here (svelte.config.js is no longer supported).
// adapter-node writes a standalone server to build/: `node build` with HOST, PORT and API_URL.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ out: 'build' }),
      // SvelteKit adds a nonce for its own inline scripts to script-src; nothing else may run.
      // Styles from this origin and style attributes (charts' style: directives) are allowed.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
});
