// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** The API key from the session cookie; null when the user is not logged in. */
      apiKey: string | null;
    }
  }
}

export {};
