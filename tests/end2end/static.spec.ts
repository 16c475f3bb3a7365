// The static pages (web/bake.mjs): every territory's portrait at its own address, readable without
// JavaScript, its words and numbers the core's (`comex-view`), then taken over by the app
// without a number that changes.
import { test, expect, holdWasm, chooseTerritory } from './fixtures';
import { BLOCKS, coreView } from './core-cli';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../public/data/v1/manifest.json'), 'utf8'));
const TERRITORIES: number = manifest.territories.length;


const PAGES = [
  { territory: 'dep:60', path: 'departements/60-oise/', label: 'Oise' },
  { territory: 'reg:01', path: 'regions/01-hauts-de-france/', label: 'Hauts-de-France' },
  { territory: 'fr', path: '', label: 'France entière' },
];

/** The core's model of a block for the default selection, or null where it does not apply. */
function coreModel(territory: string, block: string): { json: any; rows: number } | null {
  try {
    const csv = coreView(territory, block);
    return {
      json: JSON.parse(coreView(territory, block, { format: 'json' })),
      // The header line is not a row of the table.
      rows: csv.trim().split('\n').length - 1,
    };
  } catch (error: any) {
    if (String(error.stderr ?? error).includes('does not apply')) return null;
    throw error;
  }
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map((text) => text.trim());
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const { territory, path, label } of PAGES) {
    test(`the page of ${label} is the portrait the core computes`, async ({ page }) => {
      const response = await page.goto(`/${path}`);
      expect(response?.status()).toBe(200);
      const keyPoints = coreModel(territory, 'key-points')!.json;
      // For search engines and link previews: its own title, the first key point as description.
      await expect(page).toHaveTitle(`${label} : commerce extérieur en ${keyPoints.period}`);
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description).toBe(keyPoints.sentences[0]);
      expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toBe(description);
      const canonical = await page.evaluate(() => (document.querySelector('link[rel="canonical"]') as HTMLLinkElement).href);
      expect(new URL(canonical).pathname).toBe(`/${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Commerce extérieur');
      await expect(page.locator('.subtitle')).toContainText(label);
      await expect(page.locator('.demo-badge')).toBeVisible();
      // No « Chargement » where the portrait is: the page is complete as it comes.
      await expect(page.getByText('Chargement des données…')).toBeHidden();
      let compared = 0;
      for (const block of BLOCKS) {
        const model = coreModel(territory, block);
        const section = page.locator(`#${block}`);
        if (!model) {
          await expect(section, `${block} does not apply`).toHaveCount(0);
          continue;
        }
        await expect(section.locator('h3')).toHaveText(model.json.title);
        const sentences = block === 'key-points'
          ? await texts(page, `#${block} .key-point`)
          : await texts(page, `#${block} .summary p`);
        if (sentences.length) expect(sentences, `${block}'s sentences`).toEqual(model.json.sentences);
        else expect(model.json.sentences.length === 0 || block === 'map', `${block} shows its sentences`).toBe(true);
        if (block !== 'key-points') {
          await expect(section.locator('.data-table tbody tr'), `${block}'s table`).toHaveCount(model.rows);
        }
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(territory === 'fr' ? 10 : 14);
      // The first charts are images of the app's own drawing, loaded.
      const partners = page.locator('#partners .chart img');
      await expect(partners).toHaveAttribute('src', `${path}partners.svg`);
      await partners.scrollIntoViewIfNeeded();
      await expect.poll(() => partners.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
      // The way to every other territory's page.
      await expect(page.locator('.territory-links a')).toHaveCount(TERRITORIES);
      await expect(page.locator('.territory-links a', { hasText: /^Aisne$/ })).toHaveAttribute('href', 'departements/02-aisne/');
      // The controls only the app can act on are not offered.
      await expect(page.locator('.filters')).toBeHidden();
    });
  }

  test('the sitemap lists every territory\'s page, and robots.txt points to it', async ({ page, baseURL }) => {
    const sitemap = await (await page.request.get('/sitemap.xml')).text();
    const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
    expect(pages).toHaveLength(TERRITORIES);
    expect(pages).toContain('/departements/60-oise/');
    expect(pages).toContain('/regions/01-hauts-de-france/');
    expect(pages).toContain('/');
    for (const path of ['/departements/2a-corse-du-sud/', '/departements/9a-guadeloupe/']) {
      if (pages.includes(path)) expect((await page.request.get(path)).status()).toBe(200);
    }
    const robots = await (await page.request.get('/robots.txt')).text();
    expect(robots).toMatch(/^Sitemap: .*\/sitemap\.xml$/m);
    void baseURL;
  });
});

test('the app takes the static page over with the same numbers, and nothing moves', async ({ page, consoleErrors }) => {
  // The WASM held back, as on a slow line: the static page is read meanwhile.
  await holdWasm(page, 1_500);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(() => {
    (window as any).comexShifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).comexShifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/departements/60-oise/');
  const staticPoints = await texts(page, '#baked #key-points .key-point');
  expect(staticPoints.length).toBeGreaterThan(3);
  await expect(page.locator('body[data-app-ready="true"]')).toHaveCount(0);
  // Taken over: the static page is gone, the app shows the same sentences in the same place.
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.takeover-pending')).toHaveCount(0);
  expect(await texts(page, '#key-points .key-point')).toEqual(staticPoints);
  await expect(page.locator('#partners canvas')).toHaveCount(1);
  const shifts = await page.evaluate(() => (window as any).comexShifts);
  expect(shifts).toBeLessThanOrEqual(0.02);
  // The live app: a switch stays in the page, and the address becomes the new territory's page.
  await chooseTerritory(page, 'dep:02');
  await expect(page).toHaveURL(/\/departements\/02-aisne\/$/);
  await expect(page.locator('.subtitle')).toContainText('Aisne');
  await expect(page).toHaveTitle(/^Aisne : commerce extérieur/);
  await page.goBack();
  await expect(page.locator('.subtitle')).toContainText('Oise');
  void consoleErrors;
});

test('an older address opens its territory and reads as its page', async ({ page, consoleErrors }) => {
  await page.goto('/?territory=dep:60&country=US');
  await expect(page.locator('.subtitle')).toContainText('Oise', { timeout: 20_000 });
  await expect(page).toHaveURL(/\/departements\/60-oise\/\?country=US$/);
  // France's static page, under it, is not shown for another selection.
  await expect(page.locator('#baked')).toHaveCount(0);
  void consoleErrors;
});

test('an embed of a territory\'s page shows its block before the app, then the app\'s', async ({ page, consoleErrors }) => {
  await holdWasm(page, 1_500);
  await page.setViewportSize({ width: 600, height: 560 });
  await page.goto('/departements/60-oise/?embed=totals-exportations');
  await expect(page.locator('#baked #totals-exportations .summary p').first()).toBeVisible();
  await expect(page.locator('#baked #partners')).toBeHidden();
  await expect(page.locator('#baked .app-header')).toBeHidden();
  const sentences = coreModel('dep:60', 'totals-exportations')!.json.sentences;
  expect(await texts(page, '#baked #totals-exportations .summary p')).toEqual(sentences);
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  expect(await texts(page, '#totals-exportations .summary p')).toEqual(sentences);
  void consoleErrors;
});
