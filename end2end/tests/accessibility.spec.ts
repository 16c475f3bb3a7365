// axe-core (the rules of WCAG 2.1 A and AA, and its best practices) on the page states users meet:
// the Oise's static page before the app, the page once the app has taken it over, scrolled to the
// dependence blocks, two territories compared, the accessibility statement and single-block embeds.
// Every violation fails the test.
import { test, expect, holdWasm } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const width of [1280, 390]) {
  test(`the Oise's page has no accessibility violation, static then taken over, at ${width} px`, async ({ page, consoleErrors }) => {
    await page.setViewportSize({ width, height: 900 });
    // The static page alone: the app's WASM is held back.
    await holdWasm(page, 60_000);
    await page.goto('/departements/60-oise/');
    await expect(page.locator('#baked #import-dependence')).toHaveCount(1);
    expect(await violations(page), 'static page').toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.goto('/departements/60-oise/');
    await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
    for (const block of ['import-dependence', 'export-concentration', 'tariff-exposure']) {
      await page.locator(`#${block}`).scrollIntoViewIfNeeded();
      await expect(page.locator(`#${block}`)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    }
    expect(await violations(page), 'taken over').toEqual([]);
    void consoleErrors;
  });
}

test('the comparison of two départements has no accessibility violation, at 1280 and 390 px', async ({ page, consoleErrors }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/departements/60-oise/?compare=dep:02');
    await expect(page.locator('#comparison')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await expect(page.locator('.territoires-industrie')).toContainText('Beauvaisis');
    expect(await violations(page), `${width} px`).toEqual([]);
  }
  void consoleErrors;
});

test("the accessibility statement is linked from the page and from an embed, and has no violation itself", async ({ page, consoleErrors }) => {
  await page.goto('/departements/60-oise/');
  const link = page.locator('.app-footer a', { hasText: 'Accessibilité : non conforme' });
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page).toHaveURL(/\/accessibilite\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Déclaration d'accessibilité");
  for (const heading of ['État de conformité', 'Contenus non accessibles', 'Établissement de cette déclaration', "Retour d'information et contact", 'Voies de recours']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toHaveCount(1);
  }
  expect(await violations(page), 'statement').toEqual([]);
  await page.goto('/departements/60-oise/?embed=partners');
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const fromEmbed = await page.locator('#partners a.accessibility-statement').evaluate((a) => (a as HTMLAnchorElement).href);
  expect(new URL(fromEmbed).pathname).toBe('/accessibilite/');
  void consoleErrors;
});

test('the focus is visible on every control, and a filter chip\'s button is at least 24 px', async ({ page, consoleErrors }) => {
  await page.goto('/departements/60-oise/?country=US');
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  const button = page.locator('.chip button');
  const box = (await button.boundingBox())!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
  await page.locator('#territory-search').focus();
  for (let step = 0; step < 8; step++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(outline, `the focused control ${step + 1} shows its focus`).toBe('solid 3px');
  }
  void consoleErrors;
});

test('every chart is described by its reading key, and Échap closes its tooltip', async ({ page, consoleErrors }) => {
  await page.goto('/departements/60-oise/');
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const charts = page.locator('.chart[role="img"]');
  expect(await charts.count()).toBeGreaterThan(0);
  for (const described of await charts.evaluateAll((all) => all.map((chart) => chart.getAttribute('aria-describedby')))) {
    await expect(page.locator(`#${described}`), `${described} exists`).toHaveCount(1);
  }
  await expect(page.locator('#partners-reading')).toContainText('à gauche les importations');
  const chart = page.locator('#partners .chart');
  const box = (await chart.boundingBox())!;
  const tooltipShown = () => page.evaluate(() => [...document.querySelectorAll('#partners .chart > div')]
    .some((div) => (div.textContent ?? '').length > 0 && getComputedStyle(div).visibility === 'visible' && getComputedStyle(div).opacity !== '0'));
  await expect.poll(async () => {
    // Over the first country's bars (the rows start under the legend).
    await page.mouse.move(box.x + box.width * 0.42, box.y + 60 + Math.random() * 20);
    return tooltipShown();
  }, { timeout: 10_000 }).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(tooltipShown).toBe(false);
  void consoleErrors;
});

for (const block of ['import-dependence', 'tariff-exposure', 'export-sankey']) {
  test(`an embed of ${block} has no accessibility violation and its title is the main heading`, async ({ page, consoleErrors }) => {
    await page.goto(`/departements/60-oise/?embed=${block}`);
    await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.locator(`#${block}`)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await expect(page.locator(`#${block} h3`)).toHaveAttribute('aria-level', '1');
    expect(await violations(page)).toEqual([]);
    void consoleErrors;
  });
}
