// Labels from the data are always text: a data set whose labels hold HTML and script must show them
// as typed, in the DOM and in chart tooltips, and run nothing.
import { test, expect } from './fixtures';

const HOSTILE_COUNTRY = `<img src=x onerror=alert(1)> "Belgique" & 'co'`;
const HOSTILE_PRODUCT = `<b onmouseover=alert(2)>Parfums</b> "cosmétiques"`;
const HOSTILE_DEPARTEMENT = 'Oise <script>alert(3)</script>';

test('hostile labels show as text and execute nothing', async ({ page, consoleErrors }) => {
  const url = process.env.HOSTILE_URL;
  test.skip(!url, 'HOSTILE_URL is set by cargo xtask test');
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await page.goto(`${url}?territory=dep:60`);
  await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator('.subtitle')).toContainText(HOSTILE_DEPARTEMENT);
  // Open the data tables: the labels are there, as text.
  for (const summary of await page.locator('#partners summary, #export-sankey summary').all()) await summary.click();
  await expect(page.locator('#partners table')).toContainText(HOSTILE_COUNTRY);
  await expect(page.locator('#export-sankey table')).toContainText(HOSTILE_PRODUCT);
  expect(await page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
  // Hover every bar of the partner chart: the tooltip shows the label as text.
  await page.locator('#partners canvas').scrollIntoViewIfNeeded();
  const canvasBox = (await page.locator('#partners canvas').boundingBox())!;
  let tooltipText = '';
  for (let y = canvasBox.y + 30; y < canvasBox.y + canvasBox.height && !tooltipText.includes('Belgique'); y += 6) {
    await page.mouse.move(canvasBox.x + canvasBox.width * 0.55, y);
    await page.waitForTimeout(60);
    tooltipText = (await page.locator('#partners .chart > div').last().textContent()) ?? '';
  }
  expect(tooltipText).toContain(HOSTILE_COUNTRY);
  expect(await page.locator('img[src="x"], b[onmouseover], #partners script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  void consoleErrors;
});
