import { test, expect } from './fixtures';

test('the site is served under a strict Content-Security-Policy and works under it', async ({ page, consoleErrors }) => {
  const response = await page.goto('/?territory=dep:60');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain("'unsafe-eval'");
  // Every script and stylesheet is a file of the site, with Subresource Integrity.
  const inline = await page.locator('script:not([src])').count();
  expect(inline).toBe(0);
  for (const selector of ['script[src]', 'link[rel="stylesheet"]']) {
    for (const element of await page.locator(selector).all()) {
      expect(await element.getAttribute('integrity')).toMatch(/^sha384-/);
    }
  }
  await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  // Tooltips (ECharts sets their style through the CSS object model) must not break the policy.
  const box = await page.locator('#partners canvas').boundingBox();
  if (box) await page.mouse.move(box.x + box.width * 0.4, box.y + 60);
  await page.waitForTimeout(500);
  void consoleErrors;
});

test('no request leaves the site\'s origin', async ({ page, consoleErrors, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== new URL(baseURL!).origin) outside.push(request.url());
  });
  await page.goto('/?territory=reg:01');
  await expect(page.locator('#import-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  expect(outside).toEqual([]);
  void consoleErrors;
});

test('the site works under a sub-path', async ({ page, consoleErrors }) => {
  const subpath = process.env.SUBPATH_URL;
  test.skip(!subpath, 'SUBPATH_URL is set by cargo xtask test');
  await page.goto(`${subpath}?territory=dep:60`);
  await expect(page.locator('#totals-exportations .summary')).toContainText('9', { timeout: 20_000 });
  expect(page.url()).toContain('/intranet/commerce-exterieur/');
  void consoleErrors;
});
