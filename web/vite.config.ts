import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';

// SvelteKit 3 takes its configuration here (svelte.config.js is no longer supported).
// adapter-node writes a standalone server to build/: `node build` with HOST, PORT and API_URL.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ out: 'build' }),
    }),
  ],
});
