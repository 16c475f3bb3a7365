// The oracle: for several states and every block, what the page and an embed give equals what the
// command line prints for the same selection — the CSV byte for byte, the file name, the sentences,
// and the values the ECharts instance draws. A block that does not apply is absent from the page.
import { test, expect } from './fixtures';
import { BLOCKS, coreView } from './core-cli';
import type { Page } from '@playwright/test';
import fs from 'node:fs';


type State = { name: string; territory: string; country?: string; product?: string; period?: string; compare?: string };

const STATES: State[] = [
  { name: 'a département', territory: 'dep:60' },
  { name: 'with a country', territory: 'dep:60', country: 'US' },
  { name: 'with a product', territory: 'dep:60', product: 'C20B' },
  { name: 'a région', territory: 'reg:01' },
  { name: 'France', territory: 'fr' },
  { name: 'two quarters', territory: 'reg:03', period: '2024T1,2024T2' },
  { name: 'compared with another département', territory: 'dep:60', compare: 'dep:02' },
];

function query(state: State): string {
  const parameters = [`territory=${state.territory}`];
  if (state.country) parameters.push(`country=${state.country}`);
  if (state.product) parameters.push(`product=${state.product}`);
  if (state.period) parameters.push(`period=${state.period}`);
  if (state.compare) parameters.push(`compare=${state.compare}`);
  return parameters.join('&');
}

/** The core's model of a block, or null when the block does not apply to the territory. */
function coreModel(state: State, block: string): { csv: string; json: any; chart: any } | null {
  try {
    return {
      csv: coreView(state.territory, block, state),
      json: JSON.parse(coreView(state.territory, block, { ...state, format: 'json' })),
      chart: JSON.parse(coreView(state.territory, block, { ...state, format: 'echarts' })),
    };
  } catch (error: any) {
    if (String(error.stderr ?? error).includes('does not apply')) return null;
    throw error;
  }
}

async function ready(page: Page, block: string) {
  await expect(page.locator(`#${block} .export-csv`)).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator(`#${block}`)).toHaveAttribute('aria-busy', 'false');
}

async function download(page: Page, block: string): Promise<{ name: string; text: string }> {
  await ready(page, block);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click(`#${block} .export-csv`)]);
  const text = fs.readFileSync(await file.path(), 'utf8');
  expect(text.startsWith('\ufeff'), 'CSV starts with a byte-order mark').toBe(true);
  return { name: file.suggestedFilename(), text: text.slice(1) };
}

/** Per series: the values of its data items and of its links, as an option holds them. */
function seriesValues(option: any): number[][] {
  const value = (item: any) => (typeof item === 'number' ? item : item.value);
  return (option.series ?? []).flatMap((series: any) => [
    (series.data ?? []).map(value),
    (series.links ?? []).map(value),
  ]);
}

async function drawnValues(page: Page, block: string): Promise<number[][]> {
  const option = await page.evaluate((selector) => {
    const element = document.querySelector(selector) as HTMLElement;
    return (window as any).echarts.getInstanceByDom(element).getOption();
  }, `#${block} .chart`);
  return seriesValues(option);
}

let compared = 0;

for (const state of STATES) {
  test(`every block of the page and of its embed equals the core (${state.name})`, async ({ page, consoleErrors }) => {
    test.setTimeout(240_000);
    const models = new Map(BLOCKS.map((block) => [block, coreModel(state, block)]));
    // Chromium asks before an eleventh download from one page: the page is opened again every eight.
    let downloads = 0;
    for (const [block, model] of models) {
      await test.step(`page: ${block}`, async () => {
      if (downloads % 8 === 0) {
        await page.goto(`/?${query(state)}`);
        await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
      }
      if (model === null) {
        await expect(page.locator(`#${block}`), `${block} does not apply`).toHaveCount(0);
        return;
      }
      const { name, text } = await download(page, block);
      downloads++;
      expect(text, `${block}: page CSV`).toBe(model.csv);
      expect(name, `${block}: file name`).toBe(`${model.json.file_stem}.csv`);
      await expect(page.locator(`#${block} h3`)).toHaveText(model.json.title);
      if (model.json.sentences.length > 0) {
        // The key points as a list with links to their charts, the other sentences as paragraphs.
        await expect(page.locator(`#${block} .summary p, #${block} .key-points .key-point`)).toHaveText(model.json.sentences);
      }
      if (model.chart === null) {
        await expect(page.locator(`#${block} .chart`)).toHaveCount(0);
      } else {
        await page.locator(`#${block}`).scrollIntoViewIfNeeded();
        expect(await drawnValues(page, block), `${block}: values drawn`).toEqual(seriesValues(model.chart.option));
      }
      compared++;
      });
    }
    await expect(page.locator('.error-message')).toHaveCount(0);

    for (const [block, model] of models) {
      await test.step(`embed: ${block}`, async () => {
      await page.goto(`/?embed=${block}&${query(state)}`);
      await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
      if (model === null) {
        await expect(page.locator('.notice')).toContainText("ne s'applique pas");
        await expect(page.locator('.view-block')).toHaveCount(0);
        return;
      }
      const { text } = await download(page, block);
      expect(text, `${block}: embed CSV`).toBe(model.csv);
      compared++;
      });
    }
    void consoleErrors;
  });
}

test.afterAll(() => {
  console.log(`oracle: ${compared} block renderings compared with the core`);
});
