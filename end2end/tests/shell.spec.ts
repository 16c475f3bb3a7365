import { test, expect } from './fixtures';

test('the WASM app starts and shows the French shell', async ({ page, consoleErrors }) => {
  await page.goto('/');
  // Only the WASM app sets this attribute: the static HTML does not.
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle(/Commerce extérieur des territoires/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Commerce extérieur');
  void consoleErrors;
});
