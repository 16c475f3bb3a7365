import { test, expect, chooseTerritory } from './fixtures';
import { coreView, csvFields, sankeyNodeNames } from './core-cli';
import type { Page } from '@playwright/test';
import fs from 'node:fs';

const plain = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

async function open(page: Page, query: string) {
  await page.goto(`/?${query}`);
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
}

/** Waits until a block has drawn its data (its CSV button is enabled) and, when it has a chart near the
 *  screen (the app draws no other), until ECharts has drawn it (the Sankey, treemap and map charts come
 *  with the second ECharts bundle). */
async function ready(page: Page, block: string) {
  await expect(page.locator(`#${block} .export-csv`)).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator(`#${block}`)).toHaveAttribute('aria-busy', 'false');
  await expect
    .poll(() =>
      page.evaluate((selector) => {
        const element = document.querySelector(selector);
        const near = element && element.getBoundingClientRect().top < window.innerHeight + 300;
        return !near || Boolean((window as any).echarts?.getInstanceByDom(element));
      }, `#${block} .chart`),
    )
    .toBe(true);
}

async function downloadCsv(page: Page, block: string): Promise<string> {
  await ready(page, block);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${block} .export-csv`)]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\ufeff'), 'CSV starts with a byte-order mark').toBe(true);
  return text.slice(1);
}

/** The node names the ECharts instance of a block really draws. */
async function drawnNodeNames(page: Page, block: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector) as HTMLElement;
    const option = (window as any).echarts.getInstanceByDom(element).getOption();
    return option.series.flatMap((s: any) => (s.data ?? []).map((d: any) => d.name)).sort();
  }, `#${block} .chart`);
}

test('the Oise shows the published 2024 totals and shares', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'totals-exportations');
  const exports = plain(await page.locator('#totals-exportations .summary').textContent());
  expect(exports).toContain('9 114,8 M€');
  expect(exports).toContain('13,4 %');
  expect(exports).toContain('1,57 %');
  const imports = plain(await page.locator('#totals-importations .summary').textContent());
  expect(imports).toContain('11 319,0 M€');
  expect(imports).toContain('13,2 %');
  expect(imports).toContain('1,65 %');
  await expect(page.locator('.demo-badge')).toHaveText('Données de démonstration');
  await expect(page.locator('.source').first()).toContainText('Source : DGDDI (douanes), 2024');
  void consoleErrors;
});

for (const state of [
  { query: 'territory=dep:60', territory: 'dep:60' },
  { query: 'territory=dep:60&country=US', territory: 'dep:60', country: 'US' },
  { query: 'territory=dep:60&product=C20B', territory: 'dep:60', product: 'C20B' },
  { query: 'territory=reg:01&country=group:eu27', territory: 'reg:01', country: 'group:eu27' },
  { query: 'territory=dep:60&period=2024T1&level=a38', territory: 'dep:60', period: '2024T1', level: 'a38' },
]) {
  test(`the export Sankey's CSV equals the core's view (${state.query})`, async ({ page, consoleErrors }) => {
    await open(page, state.query);
    const expected = coreView(state.territory, 'export-sankey', state);
    expect(await downloadCsv(page, 'export-sankey')).toBe(expected);
    expect(await drawnNodeNames(page, 'export-sankey')).toEqual(sankeyNodeNames(expected));
    void consoleErrors;
  });
}

test('switching département redraws every chart with no node of the previous one', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'import-sankey');
  const before = await drawnNodeNames(page, 'import-sankey');
  await chooseTerritory(page, 'dep:13');
  await expect(page).toHaveURL(/\/departements\/13-bouches-du-rhone\//);
  await expect(page.locator('.subtitle')).toContainText('Bouches-du-Rhône');
  await ready(page, 'import-sankey');
  await ready(page, 'export-sankey');
  for (const [block, view] of [['import-sankey', 'import-sankey'], ['export-sankey', 'export-sankey']]) {
    const expected = sankeyNodeNames(coreView('dep:13', view));
    await expect.poll(() => drawnNodeNames(page, block)).toEqual(expected);
  }
  expect(await drawnNodeNames(page, 'import-sankey')).not.toEqual(before);
  expect(plain(await page.locator('#totals-exportations .summary').textContent())).not.toContain('9 114,8 M€');
  void consoleErrors;
});

test("typing a name in the territory search then Enter opens it, the name with its accents", async ({ page, consoleErrors }) => {
  await open(page, 'territory=fr');
  // « oise » names the Oise and the Val-d'Oise: Enter takes the one named exactly so.
  await page.fill('#territory-search', 'oise');
  await page.press('#territory-search', 'Enter');
  await expect(page).toHaveURL(/\/departements\/60-oise\//);
  await expect(page.locator('.subtitle')).toContainText('Oise');
  // Typed without its accent, the région is found and named with it.
  await page.fill('#territory-search', 'ile de france');
  await page.press('#territory-search', 'Enter');
  await expect(page).toHaveURL(/\/regions\/03-ile-de-france\//);
  await expect(page.locator('.subtitle')).toContainText('Île-de-France');
  // A Territoire d'industrie leads to its département, named on its page with the list's perimeter.
  await page.fill('#territory-search', 'Beauvaisis');
  await page.press('#territory-search', 'Enter');
  await expect(page).toHaveURL(/\/departements\/60-oise\//);
  await expect(page.locator('.territoires-industrie')).toContainText("Territoires d'industrie du département (périmètre 2020) : Agglomération Creil Sud Oise ; Beauvaisis ; Compiègne.");
  // One across two départements offers both, each saying it.
  await page.fill('#territory-search', 'ardeche drome');
  const offered = await page.locator('#territory-listbox [role="option"]').allTextContents();
  expect(offered).toEqual([
    "Ardèche (07) — Territoire d'industrie Ardèche Drome",
    "Drôme (26) — Territoire d'industrie Ardèche Drome",
  ]);
  void consoleErrors;
});

test('a country filter set in the page survives a reload, and back removes it', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'partners');
  await page.fill('#country-filter', 'US — États-Unis');
  await page.dispatchEvent('#country-filter', 'change');
  await expect(page).toHaveURL(/country=US/);
  await expect(page.locator('.chip')).toContainText('États-Unis');
  await ready(page, 'totals-exportations');
  const filtered = plain(await page.locator('#totals-exportations .summary').textContent());
  const expected = coreView('dep:60', 'totals-exportations', { country: 'US', format: 'text' });
  const exportsLine = plain(expected).split('\n').find((l) => l.startsWith('Exportations')) ?? '';
  const value = exportsLine.split(/\s{2,}/)[1];
  expect(filtered).toContain(value);

  await page.reload();
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible();
  await expect(page.locator('.chip')).toContainText('États-Unis');
  await page.goBack();
  await expect(page).not.toHaveURL(/country=US/);
  await expect(page.locator('.chip')).toHaveCount(0);
  void consoleErrors;
});

test('a click on a Sankey node filters every chart', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'export-sankey');
  await page.locator('#export-sankey .chart').scrollIntoViewIfNeeded();
  // The first product node's centre, from the chart's own layout.
  const point = await page.evaluate(() => {
    const element = document.querySelector('#export-sankey .chart') as HTMLElement;
    const chart = (window as any).echarts.getInstanceByDom(element);
    const data = chart.getModel().getSeriesByIndex(0).getData();
    const layout = data.getItemLayout(0);
    const box = element.getBoundingClientRect();
    return { x: box.left + layout.x + layout.dx / 2, y: box.top + layout.y + layout.dy / 2, name: data.getName(0) };
  });
  expect(point.name.startsWith('L:')).toBe(true);
  await page.mouse.click(point.x, point.y);
  const code = point.name.slice(2);
  await expect(page).toHaveURL(new RegExp(`product=${code}`));
  await ready(page, 'import-sankey');
  const expected = coreView('dep:60', 'import-sankey', { product: code });
  expect(await downloadCsv(page, 'import-sankey')).toBe(expected);
  void consoleErrors;
});

test('a click on a goods tile filters by it, and the treemap shows the products inside it', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'goods-export');
  await page.locator('#goods-export .chart').scrollIntoViewIfNeeded();
  const before = await drawnNodeNames(page, 'goods-export');
  // The largest tile's centre, from the treemap's own layout (its root fills the chart).
  const tile = await page.evaluate(() => {
    const element = document.querySelector('#goods-export .chart') as HTMLElement;
    const chart = (window as any).echarts.getInstanceByDom(element);
    const node = chart.getModel().getSeriesByIndex(0).getData().tree.root.children[0];
    const layout = node.getLayout();
    const box = element.getBoundingClientRect();
    return { x: box.left + layout.x + layout.width / 2, y: box.top + layout.y + layout.height / 2, name: node.name };
  });
  expect(before).toContain(tile.name);
  await page.mouse.click(tile.x, tile.y);
  await expect(page).toHaveURL(new RegExp(`product=${tile.name}`));
  await expect(page.locator('.chip')).toHaveCount(1);
  const expected = coreView('dep:60', 'goods-export', { product: tile.name });
  expect(await downloadCsv(page, 'goods-export')).toBe(expected);
  const codes = expected.trim().split('\n').slice(1).map((line) => csvFields(line)[0]).filter((code) => code !== '');
  expect(codes.length).toBeGreaterThan(1);
  expect(codes).not.toContain(tile.name);
  await expect.poll(() => drawnNodeNames(page, 'goods-export')).toEqual([...codes].sort());
  void consoleErrors;
});

test('the layout holds at 390 px wide', async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'territory=dep:60');
  await ready(page, 'export-sankey');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The selectors fold behind « Filtres »: the portrait's first key point is on the first screen.
  await expect(page.locator('#product-filter')).toBeHidden();
  const firstPoint = await page.locator('#key-points .key-point').first().boundingBox();
  expect(firstPoint!.y + firstPoint!.height).toBeLessThanOrEqual(844);
  const toggle = page.getByRole('button', { name: 'Filtres' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#product-filter')).toBeVisible();
  void consoleErrors;
});

test('the key points open the page, each linked to its chart, and follow a filter', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'key-points');
  const first = await page.locator('main .view-block').first().getAttribute('id');
  expect(first).toBe('key-points');
  const sentences = (await page.locator('#key-points .key-point').allTextContents()).map(plain);
  expect(sentences[0]).toBe('Exportations en 2024 : 9 114,8 M€ ; importations : 11 319,0 M€, soit un déficit commercial de 2 204,2 M€.');
  // Every link leads to a block of the page.
  const targets = await page.locator('#key-points a.to-chart').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash));
  expect(targets.length).toBe(sentences.length);
  for (const target of targets) await expect(page.locator(target), `${target} is on the page`).toHaveCount(1);
  await page.locator('#key-points a.to-chart[href="#exposure"]').click();
  await expect(page).toHaveURL(/#exposure$/);

  await open(page, 'territory=dep:60&country=US');
  await ready(page, 'key-points');
  const filtered = (await page.locator('#key-points .key-point').allTextContents()).map(plain);
  expect(filtered[0]).toMatch(/^Exportations vers les États-Unis en 2024 : .* importations en provenance des États-Unis/);
  // The first partner is the selected one: not said.
  expect(filtered.some((text) => text.startsWith('1er pays de destination'))).toBe(false);
});

/** The page coordinates of a point (longitude, latitude) of the map, through ECharts' own projection. */
async function mapPoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  const chart = page.locator('#map .chart');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  const [x, y] = await page.evaluate((point) => {
    const instance = (window as any).echarts.getInstanceByDom(document.querySelector('#map .chart'));
    return instance.convertToPixel({ seriesIndex: 0 }, point);
  }, lonLat);
  return { x: box.x + x, y: box.y + y };
}

test('a click on a département of the map selects it, and back returns', async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'map');
  // Lille, in the Nord.
  const nord = await mapPoint(page, [3.06, 50.63]);
  await page.mouse.click(nord.x, nord.y);
  await expect(page).toHaveURL(/\/departements\/59-nord\//);
  await expect(page.locator('.subtitle')).toContainText('Nord');
  await ready(page, 'map');
  await expect(page.locator('#map .summary p').first()).toContainText('Nord');
  await page.goBack();
  await expect(page.locator('.subtitle')).toContainText('Oise');
});

test("a région's map outlines its départements; the measure's CSV equals the core's", async ({ page, consoleErrors }) => {
  await open(page, 'territory=reg:01&map=exposure');
  await ready(page, 'map');
  const outlined = await page.evaluate(() => {
    const instance = (window as any).echarts.getInstanceByDom(document.querySelector('#map .chart'));
    return instance.getOption().series[0].data.filter((item: any) => item.itemStyle.borderWidth > 1).map((item: any) => item.name).sort();
  });
  expect(outlined).toEqual(['02', '59', '60', '62', '80']);
  await expect(page.locator('#map .source')).toContainText('Fond de carte : IGN, Admin Express 2018 (Licence Ouverte)');
  await expect(page.locator('#map-measure')).toHaveValue('exposure');
  expect(await downloadCsv(page, 'map')).toBe(coreView('reg:01', 'map', { measure: 'exposure' }));
  // The selector changes the address and the map.
  await page.selectOption('#map-measure', 'balance');
  await expect(page).toHaveURL(/map=balance/);
  await ready(page, 'map');
  expect(await downloadCsv(page, 'map')).toBe(coreView('reg:01', 'map', { measure: 'balance' }));
});

test("under a product filter the map reads its section's file; the specialisation's CSV equals the core's", async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60&product=C20B&map=specialisation');
  await ready(page, 'map');
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.includes('/fr-departements-')));
  // C20B is in the A38 section CE: that section's file, and the file by country for each
  // département's exports of every good; no other section.
  const files = await fetched();
  expect(files.some((path) => path.endsWith('/fr-departements-produits/2024/CE/year.arrow'))).toBe(true);
  expect(files.filter((path) => path.includes('/fr-departements-produits/')).length).toBe(1);
  expect(await downloadCsv(page, 'map')).toBe(coreView('dep:60', 'map', { product: 'C20B', measure: 'specialisation' }));
  await expect(page.locator('#map h3')).toContainText('indice de spécialisation en');
  // The same index as the specialisation block's for the Oise (at the A129 level of C20B).
  const mapRow = coreView('dep:60', 'map', { product: 'C20B', measure: 'specialisation' }).split('\n').find((line) => line.startsWith('60;'))!;
  const blockRow = coreView('dep:60', 'specialisation', { level: 'a129' }).split('\n').find((line) => line.startsWith('C20B;'))!;
  expect(csvFields(mapRow)[2]).toBe(csvFields(blockRow).at(-1));
  expect(csvFields(mapRow)[2]).toMatch(/^\d+,\d{3}$/);
  // A partner filter as well: no file answers both, and the map says so in French.
  await open(page, 'territory=dep:60&product=C20B&country=US');
  await ready(page, 'map');
  await expect(page.locator('#map')).toContainText('Sous un filtre de produit et de pays partenaire à la fois');
});

test("the map's strong dependence reads its one file and gives each département the import-dependence block's share", async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60&map=strong-dependence');
  await ready(page, 'map');
  await expect(page.locator('#map-measure')).toHaveValue('strong-dependence');
  await expect(page.locator('#map h3')).toContainText('part des importations sous forte dépendance');
  const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.includes('/fr-departements-')));
  expect(files.some((path) => path.endsWith('/fr-departements-dependance/2024/year.arrow'))).toBe(true);
  const csv = await downloadCsv(page, 'map');
  expect(csv).toBe(coreView('dep:60', 'map', { measure: 'strong-dependence' }));
  // Each département's share is the one its import-dependence block gives (its own file, read by the CLI).
  for (const code of ['60', '13']) {
    const row = csv.split('\n').find((line) => line.startsWith(`${code};`))!;
    const block = JSON.parse(coreView(`dep:${code}`, 'import-dependence', { format: 'json' }));
    expect(Number(csvFields(row)[2].replace(',', '.'))).toBeCloseTo(block.model.territories[0].strong_share, 6);
  }
  // One quarter is not a whole year: the map says so in French, the rest of the page stays.
  await open(page, 'territory=dep:60&map=strong-dependence&period=2024T1');
  await ready(page, 'map');
  await expect(page.locator('#map')).toContainText('année civile complète');
});

test("« Comparer avec » sets a second territory beside the first: each side's totals are its own block's, the map outlines both", async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await expect(page.locator('#comparison')).toHaveCount(0);
  await page.selectOption('#compare', 'dep:02');
  await expect(page).toHaveURL(/compare=dep(%3A|:)02/);
  const csv = await downloadCsv(page, 'comparison');
  expect(csv).toBe(coreView('dep:60', 'comparison', { compare: 'dep:02' }));
  await expect(page.locator('#comparison h3')).toHaveText('Comparaison, Oise et Aisne (2024)');
  // Each column's exports and imports are that territory's own totals blocks'.
  const rows = csv.trim().split('\n').map(csvFields);
  expect(rows[0]).toEqual(['Indicateur', 'Oise', 'Aisne']);
  for (const [territory, column] of [['dep:60', 1], ['dep:02', 2]] as const) {
    for (const [block, label] of [['totals-exportations', 'Exportations (€)'], ['totals-importations', 'Importations (€)']]) {
      const own = coreView(territory, block).trim().split('\n').map(csvFields)[1][1];
      expect(rows.find((row) => row[0] === label)![column], `${territory} ${label}`).toBe(own);
    }
  }
  await ready(page, 'map');
  const outlined = await page.evaluate(() => {
    const instance = (window as any).echarts.getInstanceByDom(document.querySelector('#map .chart'));
    return instance.getOption().series[0].data.filter((item: any) => item.itemStyle.borderWidth > 1).map((item: any) => item.name).sort();
  });
  expect(outlined).toEqual(['02', '60']);
  // The embed gives the same CSV; « Aucun territoire » removes the comparison.
  await page.goto('/?embed=comparison&territory=dep:60&compare=dep:02');
  expect(await downloadCsv(page, 'comparison')).toBe(csv);
  await open(page, 'territory=dep:60&compare=dep:02');
  await page.selectOption('#compare', '');
  await expect(page).not.toHaveURL(/compare=/);
  await expect(page.locator('#comparison')).toHaveCount(0);
  void consoleErrors;
});

test("hovering a département of the map asks for its file before any click", async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'map');
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/dep/59/2024/year.arrow')));
  expect(await fetched()).toBe(false);
  const nord = await mapPoint(page, [3.06, 50.63]);
  await page.mouse.move(nord.x, nord.y);
  await expect.poll(fetched, { timeout: 10_000 }).toBe(true);
  await expect(page).toHaveURL(/\/departements\/60-oise\//);
});

test("the map's table ranks every département and sorts by any column", async ({ page, consoleErrors }) => {
  await open(page, 'territory=dep:60');
  await ready(page, 'map');
  await page.locator('#map .data-table summary').click();
  const rows = page.locator('#map .data-table tbody tr');
  await expect(rows).toHaveCount(101);
  const firstCells = () => page.locator('#map .data-table tbody tr td:first-child').allTextContents();
  // First in the model's order (by rank), as the CLI prints it; Monaco, without an outline, among them.
  const cliCodes = coreView('dep:60', 'map').trim().split('\n').slice(1).map((line) => csvFields(line)[0]);
  expect(await firstCells()).toEqual(cliCodes);
  expect(cliCodes).toContain('99');
  await page.locator('#map .data-table th button').nth(1).click();
  await expect(page.locator('#map .data-table th').nth(1)).toHaveAttribute('aria-sort', 'ascending');
  const names = await page.locator('#map .data-table tbody tr td:nth-child(2)').allTextContents();
  expect(names[0]).toBe('Ain');
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
  await page.locator('#map .data-table th button').nth(3).click();
  await page.locator('#map .data-table th button').nth(3).click();
  await expect(page.locator('#map .data-table th').nth(3)).toHaveAttribute('aria-sort', 'descending');
  // The CSV keeps the model's order whatever the table shows.
  expect(await downloadCsv(page, 'map')).toBe(coreView('dep:60', 'map'));
});
