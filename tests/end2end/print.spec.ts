import { test, expect } from './fixtures';
import fs from 'node:fs';
import path from 'node:path';

test('« Imprimer la fiche » lays out an A4 portrait of the territory', async ({ page, consoleErrors }) => {
  await page.goto('/?territory=dep:60');
  await expect(page.locator('#import-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator('.print-button')).toBeVisible();
  await expect(page.locator('.print-intro')).toBeHidden();
  // The button narrows the page so that charts redraw at the page's width, then opens the dialog.
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('.print-button');
  await expect(page.locator('body.printing')).toHaveCount(1);
  await page.waitForTimeout(800);
  const width = await page.evaluate(() => (window as any).echarts.getInstanceByDom(document.querySelector('#export-sankey .chart')).getWidth());
  expect(width).toBeLessThanOrEqual(710);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-intro')).toBeVisible();
  await expect(page.locator('.print-intro h1')).toHaveText('Oise');
  await expect(page.locator('.print-intro')).toContainText('Précisions méthodologiques');
  await expect(page.locator('.filters')).toBeHidden();
  await expect(page.locator('.export-buttons').first()).toBeHidden();
  // The key points open the printed portrait, right after the cover, without their links.
  await expect(page.locator('#key-points .key-point').first()).toBeVisible();
  await expect(page.locator('#key-points a.to-chart').first()).toBeHidden();
  const order = await page.evaluate(() => {
    const top = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().top;
    return [top('.print-intro'), top('#key-points'), top('#partners')];
  });
  expect(order[0]).toBeLessThan(order[1]);
  expect(order[1]).toBeLessThan(order[2]);
  const file = path.join(__dirname, '../test-results/fiche-oise.pdf');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const pdf = await page.pdf({ path: file, format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(5);
  void consoleErrors;
});
