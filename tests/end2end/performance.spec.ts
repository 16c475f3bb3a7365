// The first view's size budget and the lazy loading that keeps it. Sizes are deterministic (the same
// build gives the same gzip files), so they are asserted; timings are not (see `cargo xtask bench`).
import { test, expect, chooseTerritory, holdWasm } from './fixtures';
import { coreView } from './core-cli';
import type { Page } from '@playwright/test';
import http from 'node:http';

/** The first view's budgets, bytes as transferred (HTML, JS, CSS, ECharts, WASM, data): as the browser
 *  gets them (brotli), and to a client that accepts gzip only. */
const FIRST_VIEW_BUDGET = Number(process.env.FIRST_VIEW_BUDGET ?? 0);
const FIRST_VIEW_GZIP_BUDGET = Number(process.env.FIRST_VIEW_GZIP_BUDGET ?? 0);

/** The size of a path as sent to a client that accepts gzip only (node does not decompress). */
function gzipSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      let size = 0;
      response.on('data', (chunk: Buffer) => { size += chunk.length; });
      response.on('end', () => resolve(size));
    }).on('error', reject);
  });
}
const FIRST_SCREEN = { width: 1280, height: 800 };
const PHONE_SCREEN = { width: 390, height: 844 };
/** A territory's static page, until its first screen is complete (key points included): 150 KiB. */
const STATIC_FIRST_SCREEN_BUDGET = 153_600;

type Transfer = { path: string; gzip: number; raw: number };

async function transfers(page: Page): Promise<Transfer[]> {
  return page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
      const entry = e as PerformanceResourceTiming;
      return { path: new URL(entry.name).pathname, gzip: entry.encodedBodySize, raw: entry.decodedBodySize };
    }),
  );
}

async function openFirstScreen(page: Page) {
  await page.setViewportSize(FIRST_SCREEN);
  await page.goto('/?territory=dep:60');
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#partners .export-csv')).toBeEnabled({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
}

/** The key points' own files (France, all départements, the year before, and the indexes that list them): fetched
 *  once the first chart is drawn, before the app shows its first screen. */
const KEY_POINTS_FILES = [
  'dep/60/2023/year.arrow', 'files/2023-year.json', 'files/2024-departements-year.json', 'fr-departements-pays/2024/year.arrow',
  'fr/2024/year.arrow',
];
/** The région's file, asked for once the key points' files are in and the browser is idle. */
const REGION_FILE = 'reg/01/2024/year.arrow';

for (const screen of [FIRST_SCREEN, PHONE_SCREEN]) {
  test(`a territory's page: the whole first screen at ${screen.width} px comes before the app's bytes, within ${STATIC_FIRST_SCREEN_BUDGET} bytes`, async ({ page, consoleErrors }) => {
    await page.setViewportSize(screen);
    // The WASM held back: the static page is measured before the app takes it over (its key points
    // are then the app's), however fast the page comes.
    await holdWasm(page, 3_000);
    await page.goto('/departements/60-oise/');
    // Every key point is on the page as it comes (web/bake.mjs), the first one on the first screen.
    const keyPoints = JSON.parse(coreView('dep:60', 'key-points', { format: 'json' })).sentences.length;
    await expect(page.locator('#baked #key-points .key-point')).toHaveCount(keyPoints);
    const firstPoint = await page.locator('#baked #key-points .key-point').first().boundingBox();
    await page.waitForLoadState('load');
    // The start script asks for the WASM once `load` has fired: wait for its response rather than race it.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('_bg.wasm')));
    const { loaded, entries } = await page.evaluate(() => ({
      loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
      entries: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
        const entry = e as PerformanceResourceTiming;
        return { path: new URL(entry.name).pathname, start: entry.startTime, bytes: entry.encodedBodySize };
      }),
    }));
    const firstScreen = entries.filter((entry) => entry.start <= loaded);
    // The app's WASM, ECharts and data are asked for after the page has loaded, not beside it.
    for (const entry of firstScreen) expect(entry.path, 'asked for with the first screen').not.toMatch(/_bg\.wasm$|echarts|\/data\//);
    expect(entries.some((entry) => entry.path.endsWith('_bg.wasm') && entry.start >= loaded), 'the WASM comes after').toBe(true);
    const total = firstScreen.reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(`static first screen at ${screen.width} px: ${firstScreen.length} files, ${total} bytes`);
    for (const entry of firstScreen) console.log(`  ${entry.path}: ${entry.bytes}`);
    expect(firstPoint!.y + firstPoint!.height, 'the first key point is on the first screen').toBeLessThanOrEqual(screen.height);
    expect(total).toBeLessThanOrEqual(STATIC_FIRST_SCREEN_BUDGET);
    void consoleErrors;
  });
}

test("once the app has taken over, the first view fetched only the territory's year and the key points' files, compressed, within the budgets", async ({ page, consoleErrors, baseURL }) => {
  await page.setViewportSize(FIRST_SCREEN);
  await page.goto('/departements/60-oise/');
  await expect(page.locator('#baked')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('#key-points .key-point').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const dataPath = (path: string) => path.replace(/.*\/data\/v1\//, '');
  const { takenOver, firstChart, starts } = await page.evaluate(() => ({
    takenOver: performance.getEntriesByName('comex:taken-over')[0]?.startTime,
    firstChart: performance.getEntriesByName('comex:chart-drawn')[0]?.startTime,
    starts: performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime] as [string, number]),
  }));
  expect(takenOver, 'the app took the page over').toBeDefined();
  expect(firstChart, 'a chart was drawn').toBeDefined();
  expect(firstChart!, 'the app drew its chart before it showed itself').toBeLessThanOrEqual(takenOver!);
  // The static page shows the first screen already: the key points' files are asked for with the
  // territory's, not after the first chart as on a page without a static portrait.
  const loaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart);
  for (const path of KEY_POINTS_FILES) {
    const start = starts.find(([fetched]) => dataPath(fetched) === path)?.[1];
    expect(start, `${path} is asked for once the page has loaded`).toBeGreaterThanOrEqual(loaded);
  }
  // What the reader waited for until the app's first screen: everything asked for before it took over
  // but the région's file, asked for when the browser is idle.
  const fetched = (await transfers(page)).filter((t) => {
    const started = starts.find(([path]) => path === t.path)?.[1] ?? 0;
    return started <= takenOver! && dataPath(t.path) !== REGION_FILE;
  });
  const data = fetched.filter((t) => t.path.includes('/data/')).map((t) => dataPath(t.path)).sort();
  // A whole year: the territory's file summed over its quarters, the index of such files only, and the key points' files.
  expect(data).toEqual([...KEY_POINTS_FILES, 'codes/pays.arrow', 'codes/produits.arrow', 'dep/60/2024/year.arrow', 'files/2024-year.json', 'manifest.json'].sort());
  // The territory's file and its index are asked for as soon as the manifest is read (a preload the
  // app adds), not by the blocks once the page is built; the blocks' requests took those responses.
  const initiators = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('resource')
      .filter((e) => /(dep\/60\/2024\/year\.arrow|files\/2024-year\.json)$/.test(e.name))
      .map((e) => [new URL(e.name).pathname.replace(/.*\/data\/v1\//, ''), (e as PerformanceResourceTiming).initiatorType])),
  );
  expect(initiators).toEqual({ 'dep/60/2024/year.arrow': 'link', 'files/2024-year.json': 'link' });
  // Every asset came compressed (the build writes .gz copies; `serve` sends them).
  for (const t of fetched.filter((t) => /\.(wasm|js|arrow|json|html|svg)$/.test(t.path))) {
    expect(t.gzip, `${t.path} is sent compressed`).toBeLessThan(t.raw);
  }
  const total = fetched.reduce((sum, t) => sum + t.gzip, 0);
  console.log(`first view until the app took over: ${fetched.length} files, ${total} bytes as transferred, ${fetched.reduce((s, t) => s + t.raw, 0)} raw`);
  for (const t of fetched) console.log(`  ${t.path}: ${t.gzip} gzip / ${t.raw} raw`);
  expect(FIRST_VIEW_BUDGET, 'FIRST_VIEW_BUDGET is set by cargo xtask test').toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(FIRST_VIEW_BUDGET);
  let gzipTotal = 0;
  for (const t of fetched) gzipTotal += await gzipSize(new URL(t.path, baseURL).toString());
  console.log(`first view to a gzip-only client: ${gzipTotal} bytes`);
  expect(FIRST_VIEW_GZIP_BUDGET, 'FIRST_VIEW_GZIP_BUDGET is set by cargo xtask test').toBeGreaterThan(0);
  expect(gzipTotal).toBeLessThanOrEqual(FIRST_VIEW_GZIP_BUDGET);
  void consoleErrors;
});

test('the first chart is drawn without the second ECharts bundle, which then adds its legend and tooltip', async ({ page }) => {
  // The second bundle held back until the first chart is drawn.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/echarts-more\//, async (route) => { await held; await route.continue(); });
  await page.setViewportSize(FIRST_SCREEN);
  await page.goto('/?territory=dep:60');
  await expect(page.locator('#partners .export-csv')).toBeEnabled({ timeout: 20_000 });
  const components = () => page.evaluate(() => {
    const chart = (window as any).echarts.getInstanceByDom(document.querySelector('#partners .chart'));
    const option = chart?.getOption() ?? {};
    // A component ECharts has registered comes back as an array of models; one it lacks, as given.
    return {
      drawn: (option.series ?? []).length,
      legend: Array.isArray(option.legend) ? option.legend[0]?.data?.map((item: any) => item.name ?? item) : null,
      tooltip: Array.isArray(option.tooltip) && option.tooltip.length === 1,
    };
  });
  // Drawn with its three series; the legend and tooltip options wait for their components.
  expect(await components()).toEqual({ drawn: 3, legend: null, tooltip: false });
  release();
  await expect.poll(components, { timeout: 20_000 }).toEqual({
    drawn: 3, legend: ['Importations', 'Exportations', 'Solde'], tooltip: true,
  });
});

test("the région's file is asked for once the key points' files are in; its diagram, far down, draws when scrolled to", async ({ page, consoleErrors }) => {
  await openFirstScreen(page);
  const timings = () =>
    page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({
        path: new URL(e.name).pathname.replace(/.*\/data\/v1\//, ''),
        start: e.startTime,
        end: (e as PerformanceResourceTiming).responseEnd,
      })),
    );
  await expect.poll(async () => (await timings()).some((t) => t.path === REGION_FILE), { timeout: 20_000 }).toBe(true);
  const all = await timings();
  const region = all.find((t) => t.path === REGION_FILE)!;
  // Asked for after every key points' file had come, and asked for once.
  for (const path of KEY_POINTS_FILES.filter((p) => p.endsWith('.arrow'))) {
    const file = all.find((t) => t.path === path);
    expect(file, `${path} was fetched`).toBeDefined();
    expect(region.start, `the région's file is asked for after ${path} came`).toBeGreaterThanOrEqual(file!.end);
  }
  expect(all.filter((t) => t.path === REGION_FILE)).toHaveLength(1);
  // The région's diagram, far from the screen, has not computed yet; scrolled to, it draws without another fetch.
  await expect(page.locator('#export-sankey-region')).toHaveAttribute('aria-busy', 'true');
  await page.locator('#export-sankey-region').scrollIntoViewIfNeeded();
  await expect(page.locator('#export-sankey-region .export-csv')).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator('#export-sankey-region .summary')).toContainText('M€');
  expect((await timings()).filter((t) => t.path === REGION_FILE)).toHaveLength(1);
});

test('printing loads every block before the dialog opens', async ({ page, consoleErrors }) => {
  await openFirstScreen(page);
  await page.evaluate(() => {
    (window as any).printedWhileBusy = null;
    window.print = () => {
      (window as any).printedWhileBusy = document.querySelectorAll('[aria-busy="true"]').length;
    };
  });
  await page.click('.print-button');
  await expect.poll(() => page.evaluate(() => (window as any).printedWhileBusy), { timeout: 20_000 }).toBe(0);
  await expect(page.locator('#export-sankey-france .export-csv')).toBeEnabled();
});

test("the browser's own print (beforeprint) loads and draws the blocks far down", async ({ page, consoleErrors }) => {
  await openFirstScreen(page);
  const drawn = () =>
    page.evaluate(() => {
      const element = document.querySelector('#import-sankey-france .chart');
      return Boolean(element && (window as any).echarts.getInstanceByDom(element));
    });
  expect(await drawn()).toBe(false);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(page.locator('#import-sankey-france .export-csv')).toBeEnabled({ timeout: 20_000 });
  await expect.poll(drawn, { timeout: 20_000 }).toBe(true);
});

test('a territory picked in the selector is fetched at once, and only once', async ({ page, consoleErrors }) => {
  // When the page's address changes, the first animation frame after the choice, and whether the
  // partners' block was ever shown loading: a file that comes quickly replaces the territory in one step.
  await page.addInitScript(() => {
    const pushState = history.pushState.bind(history);
    history.pushState = (...args: Parameters<History['pushState']>) => {
      (window as any).addressChangedAt ??= performance.now();
      pushState(...args);
    };
    // The choice is the click on the combobox's option.
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest('[role="option"]')) {
        requestAnimationFrame(() => { (window as any).frameAfterChoice ??= performance.now(); });
      }
    }, { capture: true });
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (target.id === 'partners' && target.getAttribute('aria-busy') === 'true') (window as any).partnersBusy = true;
      }
    }).observe(document, { subtree: true, attributeFilter: ['aria-busy'] });
  });
  await openFirstScreen(page);
  await page.evaluate(() => { (window as any).partnersBusy = false; });
  await chooseTerritory(page, 'dep:13');
  await expect(page.locator('.subtitle')).toContainText('Bouches-du-Rhône');
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false');
  const { fetchedAt, arrivedAt, addressChangedAt, frameAfterChoice, partnersBusy } = await page.evaluate(() => {
    const file = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dep/13/2024/year.arrow')) as
      PerformanceResourceTiming | undefined;
    return {
      fetchedAt: file?.startTime,
      arrivedAt: file?.responseEnd,
      addressChangedAt: (window as any).addressChangedAt as number | undefined,
      frameAfterChoice: (window as any).frameAfterChoice as number | undefined,
      partnersBusy: (window as any).partnersBusy as boolean,
    };
  });
  expect(fetchedAt, 'dep/13/2024/year.arrow was fetched').toBeDefined();
  expect(addressChangedAt, 'the address changed').toBeDefined();
  expect(frameAfterChoice, 'a frame was drawn after the choice').toBeDefined();
  // Asked for in the task of the choice, not a frame later.
  expect(fetchedAt!).toBeLessThan(frameAfterChoice!);
  // The switch waited for the file (it came well within the 150 ms the switch waits), and the blocks were
  // never shown loading in between.
  expect(addressChangedAt!).toBeGreaterThanOrEqual(arrivedAt!);
  expect(partnersBusy, 'the partners block was never shown loading').toBe(false);

  // Back and forth: the tables are kept, nothing is fetched again.
  await chooseTerritory(page, 'dep:60');
  await expect(page.locator('.subtitle')).toContainText('Oise');
  await chooseTerritory(page, 'dep:13');
  await expect(page.locator('.subtitle')).toContainText('Bouches-du-Rhône');
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false');
  const fetches = (await transfers(page)).filter((t) => /\/dep\/(13|60)\/2024/.test(t.path)).map((t) => t.path);
  expect(fetches.sort()).toEqual(['/data/v1/dep/13/2024/year.arrow', '/data/v1/dep/60/2024/year.arrow']);
});

test('a slow territory shows the page loading after 150 ms; the last choice wins', async ({ page, consoleErrors }) => {
  await openFirstScreen(page);
  // The Gironde's file takes 2 s: the page switches without it and shows its blocks loading.
  await page.route('**/data/v1/dep/33/2024/year.arrow', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  const chosenAt = Date.now();
  await chooseTerritory(page, 'dep:33');
  await expect(page).toHaveURL(/\/departements\/33-gironde\/$/);
  expect(Date.now() - chosenAt, 'the address changed before the file came').toBeLessThan(2000);
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('.subtitle')).toContainText('Gironde');
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false', { timeout: 10_000 });

  // Two choices in a row, the first one slow: the second is shown, and stays when the first one's file comes.
  // (Neither is next to the Gironde in the list: the selector did not ask for them ahead.)
  await page.route('**/data/v1/dep/69/2024/year.arrow', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  const slowFile = page.waitForResponse('**/data/v1/dep/69/2024/year.arrow');
  await chooseTerritory(page, 'dep:69');
  await chooseTerritory(page, 'dep:75');
  await expect(page.locator('.subtitle')).toContainText('Paris');
  await expect(page.locator('#partners')).toHaveAttribute('aria-busy', 'false');
  await slowFile;
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/departements\/75-paris\/$/);
  await expect(page.locator('.subtitle')).toContainText('Paris');
  await expect(page.locator('#territory-search')).toHaveValue('Paris (75)');
  void consoleErrors;
});

test('the combobox asks for the territories on either side of the shown one when focused, and around the option the arrow keys are on', async ({ page, consoleErrors }) => {
  await openFirstScreen(page);
  const asked = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname.replace(/.*\/data\/v1\//, ''))
        .filter((path) => /^dep\/\w+\/2024\/year\.arrow$/.test(path)),
    );
  const field = page.locator('#territory-search');
  await expect(field).toHaveValue('Oise (60)');
  await expect(field).toHaveAttribute('aria-expanded', 'false');
  await field.focus();
  await page.keyboard.press('ArrowDown');
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  const values = await page.$$eval('#territory-listbox [role="option"]', (options) =>
    options.map((o) => o.id.replace('territory-option-', '').replace('-', ':')));
  const at = values.indexOf('dep:60');
  const file = (territory: string) => `dep/${territory.slice('dep:'.length)}/2024/year.arrow`;
  // Opened on the shown territory, its neighbours asked for.
  await expect(field).toHaveAttribute('aria-activedescendant', 'territory-option-dep-60');
  await expect.poll(asked).toEqual(expect.arrayContaining([file('dep:60'), file(values[at - 1]), file(values[at + 1])]));
  // The next one down is the active option: the one after it is asked for in turn; Enter chooses it.
  await page.keyboard.press('ArrowDown');
  await expect(field).toHaveAttribute('aria-activedescendant', `territory-option-${values[at + 1].replace(':', '-')}`);
  await expect.poll(asked).toContain(file(values[at + 2]));
  await page.keyboard.press('Enter');
  // The address is the chosen territory's page (`departements/59-nord/`), the list closed.
  await expect(page).toHaveURL(new RegExp(`/departements/${values[at + 1].slice('dep:'.length).toLowerCase()}-[a-z-]+/$`));
  await expect(field).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('#territory-listbox')).toBeHidden();
  void consoleErrors;
});
