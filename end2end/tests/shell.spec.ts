import { test, expect } from './fixtures';

test('the WASM app starts and shows the French shell', async ({ page, consoleErrors }) => {
  await page.goto('/');
  // Only the WASM app sets this attribute: the static HTML does not.
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle(/Commerce extérieur des territoires/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Commerce extérieur');
  void consoleErrors;
});

test('the page says it is loading before the WASM has come, and the app takes that line out', async ({ page, consoleErrors }) => {
  // The WASM held back 1,5 s, as on a slow line (3,3 s on « mobile »).
  await page.route('**/*_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto('/');
  await expect(page.locator('#page-loading')).toHaveText('Chargement des données…');
  await expect(page.locator('body[data-app-ready="true"]')).toHaveCount(0);
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Commerce extérieur');
  await expect(page.locator('#page-loading')).toHaveCount(0);
  await expect(page.getByText('Chargement des données…')).toHaveCount(0);
  // The first paint came with that line, before the WASM.
  const [contentfulPaint, wasmEnd] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity,
    performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('_bg.wasm'))?.responseEnd ?? 0,
  ]);
  expect(contentfulPaint).toBeLessThan(wasmEnd);
  void consoleErrors;
});
