// A page fixture that fails the test on any console error, uncaught exception or
// Content-Security-Policy violation.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };

/** Holds the app's WASM back for `ms`, as on a slow line: what the page shows before the app runs. */
export async function holdWasm(page: import('@playwright/test').Page, ms: number) {
  await page.route('**/*_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

/** The option of `territory` (`dep:60`) in the territory combobox's list. */
export function territoryOption(page: import('@playwright/test').Page, territory: string) {
  return page.locator(`#territory-option-${territory.replace(':', '-')}`);
}

/** Chooses a territory as with a mouse: the combobox's field clicked, its list open, the option clicked. */
export async function chooseTerritory(page: import('@playwright/test').Page, territory: string) {
  await page.locator('#territory-search').click();
  await territoryOption(page, territory).click();
}
