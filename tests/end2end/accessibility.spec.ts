// axe-core (the rules of WCAG 2.1 A and AA, and its best practices) on the page states users meet:
// the Oise's static page before the app, the page once the app has taken it over, scrolled to the
// dependence blocks, two territories compared, the accessibility statement and single-block embeds;
// the dark theme (the system's, or forced by `theme=dark`) on the Oise's page and on embeds.
// Every violation fails the test.
import { test, expect, holdWasm, territoryOption } from './fixtures';
import { coreView } from './core-cli';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Scrolls to each block and waits until it is drawn (blocks below the screen load when near it). */
async function drawnWhenScrolledTo(page: Page, blocks: string[]) {
  for (const block of blocks) {
    await page.locator(`#${block}`).scrollIntoViewIfNeeded();
    await expect(page.locator(`#${block}`)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  }
}

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
    await drawnWhenScrolledTo(page, ['import-dependence', 'export-concentration', 'tariff-exposure']);
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
  // The tooltips come with the second ECharts bundle, and the blocks above settle their height.
  await page.waitForFunction(() => (window as any).echartsMoreLoaded === true);
  await expect(page.locator('#key-points')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const tooltipShown = () => page.evaluate(() => [...document.querySelectorAll('#partners .chart > div')]
    .some((div) => (div.textContent ?? '').length > 0 && getComputedStyle(div).visibility === 'visible' && getComputedStyle(div).opacity !== '0'));
  await expect.poll(async () => {
    // Over the first country's bars (the rows start under the legend), where the chart is now.
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.42, box.y + 60 + Math.random() * 20);
    return tooltipShown();
  }, { timeout: 10_000 }).toBe(true);
  // Échap without moving the pointer (pressed again while a show the last hover queued may still
  // come: the pointer stays over the bars).
  await expect.poll(async () => {
    await page.keyboard.press('Escape');
    return tooltipShown();
  }).toBe(false);
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

/** The partner chart's option as ECharts holds it (none before it is drawn). */
function partnersOption(page: Page): Promise<any> {
  return page.evaluate(() => {
    const chart = (window as any).echarts?.getInstanceByDom(document.querySelector('#partners .chart'));
    return chart ? chart.getOption() : null;
  });
}

/** The colour the partner chart draws imports in (none before it is drawn). */
async function importColour(page: Page): Promise<string | null> {
  return (await partnersOption(page))?.color[0] ?? null;
}

/** The colours of the partner chart: of its series, of its balance points, of its axis labels. */
type Colours = { series: string[]; balance: string[]; axisLabel: string };
function coloursOf(option: any): Colours {
  return {
    series: option.color,
    balance: option.series[2].data.map((item: any) => item.itemStyle.color),
    axisLabel: [option.yAxis].flat()[0].axisLabel.color,
  };
}

/** The page's background, as the stylesheet paints a chapter. */
function chapterBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.querySelector('.chapter') as Element).backgroundColor);
}

const DARK_PAPER = 'rgb(22, 27, 34)';
const DARK_WASH = 'rgb(13, 17, 23)';
const LIGHT_PAPER = 'rgb(255, 255, 255)';

for (const width of [1280, 390]) {
  test(`the dark theme follows the system, static then taken over, with no accessibility violation, at ${width} px`, async ({ page, consoleErrors }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await holdWasm(page, 60_000);
    await page.goto('/departements/60-oise/');
    await expect(page.locator('#baked #import-dependence')).toHaveCount(1);
    expect(await chapterBackground(page)).toBe(DARK_PAPER);
    // The static page's charts, saved light, are shown inverted until the app draws them dark.
    expect(await page.locator('#baked .chart img').first().evaluate((image) => getComputedStyle(image).filter))
      .toContain('invert(1)');
    expect(await violations(page), 'static page').toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.goto('/departements/60-oise/');
    await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
    await drawnWhenScrolledTo(page, ['partners']);
    // The charts' colours are the dark theme's (crates/charts/src/style.rs), as the command line gives them.
    await expect.poll(() => importColour(page)).toBe('#6ca6e8');
    const drawn = await partnersOption(page);
    const printed = JSON.parse(coreView('dep:60', 'partners', { format: 'echarts', theme: 'dark' }));
    expect(coloursOf(drawn)).toEqual(coloursOf(printed.option));
    expect(coloursOf(drawn).axisLabel).toBe('#a8b3bf');
    await drawnWhenScrolledTo(page, ['goods-import', 'import-dependence', 'map']);
    expect(await violations(page), 'taken over').toEqual([]);
    void consoleErrors;
  });
}

test('theme= in the address forces the theme over the system\'s, and keeps the static page', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await holdWasm(page, 60_000);
  await page.goto('/departements/60-oise/?theme=dark');
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  await expect(page.locator('#baked')).toBeVisible();
  expect(await chapterBackground(page)).toBe(DARK_PAPER);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.goto('/departements/60-oise/?theme=dark');
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(() => importColour(page)).toBe('#6ca6e8');
  // The theme stays in the address when the reader goes to another territory.
  await page.locator('#territory-search').fill('Aisne');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/departements\/02-aisne\/\?theme=dark$/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/departements/60-oise/?theme=light');
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  expect(await chapterBackground(page)).toBe(LIGHT_PAPER);
  await expect.poll(() => importColour(page)).toBe('#2b6cb0');
  // The reader's system turning dark redraws the charts dark, without a reload.
  await page.goto('/departements/60-oise/');
  await expect.poll(() => importColour(page), { timeout: 20_000 }).toBe('#6ca6e8');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => importColour(page)).toBe('#2b6cb0');
  expect(await chapterBackground(page)).toBe(LIGHT_PAPER);
  void consoleErrors;
});

for (const block of ['partners', 'map']) {
  test(`an embed of ${block} in the dark theme has no accessibility violation`, async ({ page, consoleErrors }) => {
    await page.goto(`/departements/60-oise/?embed=${block}&theme=dark`);
    await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.locator(`#${block}`)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(DARK_WASH);
    expect(await violations(page)).toEqual([]);
    void consoleErrors;
  });
}

test('the territory selector is one ARIA combobox: typed, walked with the arrows, chosen with Enter, closed with Échap', async ({ page, consoleErrors }) => {
  await page.goto('/departements/60-oise/');
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('#territory')).toHaveCount(0);
  const field = page.getByRole('combobox', { name: 'Territoire' });
  await expect(field).toHaveValue('Oise (60)');
  await field.click();
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await field.pressSequentially('savoie');
  const listbox = page.getByRole('listbox', { name: 'Territoires' });
  const options = listbox.getByRole('option');
  await expect(options).toHaveText(['Savoie (73)', 'Haute-Savoie (74)']);
  await expect(page.locator('.territory-select [role="status"]')).toHaveText('2 territoires trouvés');
  // The first match is the active option; the arrows move it, and nothing is chosen until Enter.
  await expect(field).toHaveAttribute('aria-activedescendant', 'territory-option-dep-73');
  await expect(territoryOption(page, 'dep:73')).toHaveAttribute('aria-selected', 'true');
  expect(await violations(page), 'the list open').toEqual([]);
  await page.keyboard.press('ArrowDown');
  await expect(field).toHaveAttribute('aria-activedescendant', 'territory-option-dep-74');
  await expect(page).toHaveURL(/\/departements\/60-oise\/$/);
  // Échap closes the list, then gives the field back its territory.
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
  await expect(field).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');
  await expect(field).toHaveValue('Oise (60)');
  // Walked from the shown territory, Enter chooses the active option.
  await page.keyboard.press('ArrowDown');
  await expect(field).toHaveAttribute('aria-activedescendant', 'territory-option-dep-60');
  await page.keyboard.press('ArrowUp');
  const previous = await field.getAttribute('aria-activedescendant');
  expect(previous).not.toBe('territory-option-dep-60');
  await page.keyboard.press('Enter');
  const chosen = previous!.replace('territory-option-dep-', '');
  await expect(page).toHaveURL(new RegExp(`/departements/${chosen.toLowerCase()}-[a-z-]+/$`));
  await expect(field).toHaveValue(new RegExp(`\\(${chosen}\\)$`));
  // A click on an option chooses it; the list closes when the field loses the focus.
  await field.click();
  await territoryOption(page, 'reg:01').click();
  await expect(page).toHaveURL(/\/regions\/01-hauts-de-france\/$/);
  await field.click();
  await expect(listbox).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(listbox).toBeHidden();
  void consoleErrors;
});
