import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The width ECharts draws a chart at; 0 while it is not drawn (a Sankey waits for the second ECharts bundle). */
async function chartWidth(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => {
    const element = document.querySelector(s) as HTMLElement;
    return (window as any).echarts.getInstanceByDom(element)?.getWidth() ?? 0;
  }, selector);
}

test('an embed URL shows one chart and nothing else, and follows its frame size', async ({ page, consoleErrors }) => {
  await page.goto('/?embed=export-sankey&territory=dep:60&country=US');
  await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator('.view-block')).toHaveCount(1);
  await expect(page.locator('.app-header')).toHaveCount(0);
  await expect(page.locator('.filters')).toHaveCount(0);
  await expect(page.locator('#export-sankey .source')).toContainText('Source : DGDDI (douanes)');
  await expect(page.locator('a.open-full')).toHaveAttribute('href', /\/departements\/60-oise\/\?country=US$/);
  await expect.poll(() => chartWidth(page, '#export-sankey .chart')).toBeGreaterThan(0);
  const wide = await chartWidth(page, '#export-sankey .chart');
  await page.setViewportSize({ width: 500, height: 600 });
  await expect.poll(() => chartWidth(page, '#export-sankey .chart')).toBeLessThan(wide);
  expect(await chartWidth(page, '#export-sankey .chart')).toBeLessThanOrEqual(500);
  void consoleErrors;
});

test('a page on another origin embeds a chart in an iframe', async ({ page, consoleErrors, baseURL }) => {
  const snippetSource = `${baseURL}/?embed=partners&territory=dep:60`;
  const host = http.createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>Intranet</title><h1>Notre territoire</h1>
      <iframe id="comex" src="${snippetSource}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const port = (host.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    const frame = page.frameLocator('#comex');
    await expect(frame.locator('#partners .export-csv')).toBeEnabled({ timeout: 20_000 });
    await expect(frame.locator('.view-block')).toHaveCount(1);
    await expect(frame.locator('#partners canvas')).toHaveCount(1);
  } finally {
    host.close();
  }
  void consoleErrors;
});

test('the Intégrer button gives an iframe snippet of the current view', async ({ page, consoleErrors }) => {
  await page.goto('/?territory=dep:60&product=C20B');
  await expect(page.locator('#import-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  await page.click('#import-sankey .embed-button');
  const snippet = await page.locator('#import-sankey .embed-snippet textarea').first().inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/departements\/60-oise\/\?embed=import-sankey&amp;product=C20B"/);
  // Its fixed height is the block's own, with room: not the same for every block.
  const height = Number(snippet.match(/height="(\d+)"/)![1]);
  const drawn = await page.locator('#import-sankey').evaluate((block) => (block as HTMLElement).offsetHeight);
  expect(height).toBeGreaterThan(300);
  expect(height).toBeLessThanOrEqual(drawn * 1.2);
  void consoleErrors;
});

test('with height=auto an embed sizes its frame on a page of another origin, whole at 320 and 1280 px', async ({ page, consoleErrors, baseURL }) => {
  // The snippet as the page gives it (frame and script), pasted in a page of another origin.
  await page.goto('/?territory=dep:60');
  await expect(page.locator('#partners .export-csv')).toBeEnabled({ timeout: 20_000 });
  await page.click('#partners .embed-button');
  const snippet = await page.locator('#partners .embed-snippet textarea').nth(1).inputValue();
  expect(snippet).toContain('&amp;height=auto');
  expect(snippet).toContain('<script>');
  const host = http.createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><meta name="viewport" content="width=device-width"><title>Intranet</title>
      <h1>Notre territoire</h1>${snippet}<p id="after">Suite de la page</p>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const port = (host.address() as AddressInfo).port;
  try {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`http://127.0.0.1:${port}/`);
      const frame = page.frameLocator('iframe[data-comex-territoires]');
      // The territory's static page first, then the app's (one block of each while it takes over).
      await expect(frame.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
      await expect(frame.locator('#partners .export-csv')).toBeEnabled({ timeout: 20_000 });
      await expect(frame.locator('#partners')).toHaveAttribute('aria-busy', 'false');
      // The frame takes the height its content posts: nothing cut, no scrollbar inside.
      await expect.poll(async () => {
        const [outer, inner] = await Promise.all([
          page.locator('iframe[data-comex-territoires]').evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height),
          frame.locator('body').evaluate((body) => Math.ceil(body.getBoundingClientRect().height)),
        ]);
        return Math.abs(outer - inner);
      }, { timeout: 10_000 }).toBeLessThanOrEqual(1);
      const scroll = await frame.locator('html').evaluate((html) => html.scrollHeight - html.clientHeight);
      expect(scroll, `no inner scrollbar at ${width} px`).toBeLessThanOrEqual(1);
      const height = await page.locator('iframe[data-comex-territoires]').evaluate((f) => f.getBoundingClientRect().height);
      expect(height, `the frame grew from its first height at ${width} px`).toBeGreaterThan(400);
      await page.screenshot({ path: test.info().outputPath(`embed-auto-${width}.png`), fullPage: true });
    }
  } finally {
    host.close();
  }
  void consoleErrors;
});

test('PNG and SVG downloads are valid images', async ({ page, consoleErrors }) => {
  await page.goto('/?territory=dep:60');
  await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-sankey .export-png')]);
  expect(png.suggestedFilename()).toBe('export-sankey-oise-2024.png');
  const pngBytes = fs.readFileSync(await png.path());
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngBytes.length).toBeGreaterThan(10_000);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-sankey .export-svg')]);
  const text = fs.readFileSync(await svg.path(), 'utf8');
  expect(text).toMatch(/^<svg[\s>]/);
  expect(text).toContain('</svg>');
  expect(text).toContain('Belgique');
  void consoleErrors;
});

test('an embed of a block that does not exist says so, and shows no block', async ({ page, consoleErrors }) => {
  await page.goto('/departements/60-oise/?embed=sankey-export');
  await expect(page.locator('.notice')).toHaveText('Ignoré dans l\'adresse, faute de le reconnaître : bloc « sankey-export ».');
  await expect(page.locator('body')).toHaveClass(/embed-single/);
  await expect(page.locator('.view-block')).toHaveCount(0);
  await expect(page.locator('.app-header')).toHaveCount(0);
  void consoleErrors;
});
