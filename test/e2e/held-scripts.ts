// Holds the dashboard's scripts back so a test can use the server's HTML before the page hydrates.
import type { Page, Route } from 'playwright-core';

const APP_FILES = '**/_app/immutable/**';

/**
 * Routes the app's JavaScript (not its CSS) through a gate that stays shut until `hydrate()`: the
 * page shows the server's HTML and a reader can type in it, but no component has run. Call before
 * `page.goto(url, { waitUntil: 'domcontentloaded' })` (the held scripts never let 'load' come).
 */
export async function holdAppScripts(page: Page) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const held: string[] = [];
  const gate = async (route: Route) => {
    if (!new URL(route.request().url()).pathname.endsWith('.js')) return route.continue();
    held.push(route.request().url());
    await opened;
    await route.continue().catch(() => {
      // The page went away while its script was held (e.g. the test navigated on): nothing to continue.
    });
  };
  await page.route(APP_FILES, gate);
  return {
    /** How many script requests are waiting at the gate. */
    held: () => held.length,
    /** Lets the scripts through and waits until they have loaded and run (the network is quiet). */
    async hydrate() {
      open();
      await page.waitForLoadState('networkidle');
      await page.unroute(APP_FILES, gate);
    },
  };
}
