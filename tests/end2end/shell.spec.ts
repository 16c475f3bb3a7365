import { test, expect, holdWasm } from './fixtures';

test('the WASM app starts and shows the French shell', async ({ page, consoleErrors }) => {
  await page.goto('/');
  // Only the WASM app sets this attribute: the static HTML does not.
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
  // The site's root is France's portrait.
  await expect(page).toHaveTitle(/^France entière : commerce extérieur en \d{4}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Commerce extérieur');
  void consoleErrors;
});

test('an address no static page shows says it is loading before the WASM has come, and the app takes that line out', async ({ page, consoleErrors }) => {
  // The WASM held back 1,5 s, as on a slow line (3,3 s on « mobile »).
  await holdWasm(page, 1_500);
  // A filter: the Oise's static page shows none, so it is hidden (web/page.js) and the line shown instead.
  await page.goto('/departements/60-oise/?country=US');
  await expect(page.locator('#page-loading')).toHaveText('Chargement des données…');
  await expect(page.locator('#page-loading')).toBeVisible();
  await expect(page.locator('#baked')).toBeHidden();
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
