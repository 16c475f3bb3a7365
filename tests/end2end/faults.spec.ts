// Bad network, bad files: each fault gets its own French message where the chart would be, a retry,
// and recovery once the fault is gone; the rest of the page keeps working.
import { test as base, expect } from '@playwright/test';
import type { Page, Route } from '@playwright/test';

/** Console errors beyond the ones a fault is expected to cause fail the test. */
const test = base.extend<{ unexpectedErrors: (allowed: RegExp[]) => void }>({
  unexpectedErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    let allowed: RegExp[] = [];
    await use((patterns) => { allowed = patterns; });
    expect(errors.filter((e) => !allowed.some((p) => p.test(e)))).toEqual([]);
  },
});

// The région's file: the blocks that read it (the région's diagrams, the totals) fail, the others
// (the Oise's own diagrams) keep working. Every block of the Oise reads the Oise's own file.
const REGION = '**/data/v1/reg/01/2024/year.arrow';

async function openOise(page: Page) {
  await page.goto('/?territory=dep:60');
  await expect(page.locator('body[data-app-ready="true"]')).toBeVisible({ timeout: 20_000 });
}

/** One « Réessayer » retries every block that failed. */
async function expectRecovery(page: Page) {
  await page.unrouteAll({ behavior: 'wait' });
  await page.locator('#export-sankey-region .error-message button').click();
  await expect(page.locator('#export-sankey-region .error-message')).toHaveCount(0);
  await expect(page.locator('#export-sankey-region .export-csv')).toBeEnabled({ timeout: 20_000 });
  await expect(page.locator('#totals-exportations .summary')).toContainText('13,4');
}

for (const fault of [
  { name: '404', fulfil: (route: Route) => route.fulfill({ status: 404, body: 'absent' }),
    message: 'Le fichier reg/01/2024/year.arrow est introuvable sur le serveur (404).', console: /404/ },
  { name: '500', fulfil: (route: Route) => route.fulfill({ status: 500, body: 'panne' }),
    message: 'Le serveur a refusé le fichier reg/01/2024/year.arrow (erreur 500).', console: /500/ },
  { name: 'truncated body', fulfil: async (route: Route) => {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ response, body: body.subarray(0, body.length / 2) });
    },
    message: 'Le fichier reg/01/2024/year.arrow est incomplet ou ne correspond pas au manifeste', console: /^$/ },
  { name: 'network failure', fulfil: (route: Route) => route.abort('connectionreset'),
    message: "Le fichier reg/01/2024/year.arrow n'a pas pu être téléchargé", console: /ERR_CONNECTION_RESET|Failed to load/ },
]) {
  test(`a ${fault.name} on a territory file: message, retry, recovery`, async ({ page, unexpectedErrors }) => {
    unexpectedErrors([fault.console]);
    await page.route(REGION, fault.fulfil);
    await openOise(page);
    await expect(page.locator('#export-sankey-region .error-message')).toContainText(fault.message, { timeout: 20_000 });
    await expect(page.locator('#totals-exportations .error-message')).toBeVisible();
    // Blocks that do not need the failed file keep working: the Oise's own diagram, France's.
    await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
    await expect(page.locator('#export-sankey-france .export-csv')).toBeEnabled({ timeout: 20_000 });
    await expectRecovery(page);
  });
}

// One byte changed, same length: only the SHA-256 can tell. The browser's Web Crypto computes it on
// a secure page (https, localhost); without it (plain http from another host) the WASM's SHA-256.
for (const mode of ['Web Crypto', 'the WASM SHA-256']) {
  test(`a file changed in one byte is refused by its SHA-256 (${mode})`, async ({ page, unexpectedErrors }) => {
    unexpectedErrors([/^$/]);
    await page.addInitScript((withoutWebCrypto) => {
      const subtle = window.crypto.subtle;
      (window as any).digests = 0;
      const digest = subtle.digest.bind(subtle);
      Object.defineProperty(window.crypto, 'subtle', {
        value: withoutWebCrypto ? undefined : { digest: (...args: [string, BufferSource]) => { (window as any).digests++; return digest(...args); } },
      });
    }, mode !== 'Web Crypto');
    await page.route(REGION, async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ response, body });
    });
    await openOise(page);
    await expect(page.locator('#export-sankey-region .error-message')).toContainText(
      'Le fichier reg/01/2024/year.arrow est incomplet ou ne correspond pas au manifeste (son empreinte SHA-256 diffère de celle du manifeste)', { timeout: 20_000 });
    await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
    const digests = await page.evaluate(() => (window as any).digests);
    if (mode === 'Web Crypto') expect(digests).toBeGreaterThan(2); else expect(digests).toBe(0);
    await expectRecovery(page);
  });
}

test('a file that never arrives times out with its own message, then recovers', async ({ page, unexpectedErrors }) => {
  test.setTimeout(90_000);
  unexpectedErrors([/Failed to load|ERR_|abort/i]);
  await page.route(REGION, () => new Promise(() => { /* never answers */ }));
  await openOise(page);
  await expect(page.locator('#export-sankey-region .error-message')).toContainText("n'est pas arrivé à temps", { timeout: 45_000 });
  await expect(page.locator('#export-sankey .export-csv')).toBeEnabled();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.locator('#export-sankey-region .error-message button').click();
  await expect(page.locator('#export-sankey-region .export-csv')).toBeEnabled({ timeout: 20_000 });
});

test('a manifest of another schema version is refused with its own message', async ({ page, unexpectedErrors }) => {
  unexpectedErrors([]);
  await page.route('**/data/v1/manifest.json', async (route) => {
    const response = await route.fetch();
    const manifest = await response.json();
    manifest.schema_version = '2';
    await route.fulfill({ response, json: manifest });
  });
  await page.goto('/?territory=dep:60');
  await expect(page.locator('.error-message')).toContainText('Le manifeste des données ne correspond pas à cette version', { timeout: 20_000 });
  await page.unrouteAll({ behavior: 'wait' });
  await page.locator('.error-message button').click();
  await expect(page.locator('#export-sankey .export-csv')).toBeEnabled({ timeout: 20_000 });
});

test('a panic shows a visible message instead of a dead page', async ({ page, unexpectedErrors }) => {
  unexpectedErrors([/diagnostic panic requested/, /unreachable/, /RuntimeError/]);
  await openOise(page);
  await page.evaluate(() => {
    try { (window as any).wasmBindings.diagnostic_panic(); } catch { /* the trap surfaces here */ }
  });
  await expect(page.locator('#panic-notice')).toContainText('Une erreur interne a interrompu le tableau de bord');
});

test('a second ECharts bundle that does not load: the charts that need it say so in French, the others draw', async ({ page, unexpectedErrors }) => {
  unexpectedErrors([/ERR_CONNECTION_RESET|Failed to load/]);
  await page.route('**/echarts-more/**', (route) => route.abort('connectionreset'));
  await openOise(page);
  // Bars and points come with the first bundle.
  await expect(page.locator('#partners canvas')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('#export-sankey .chart')).toContainText("Le moteur de graphiques (ECharts) n'a pas pu être chargé.", { timeout: 20_000 });
  // The map's outline is registered by the map series: its block names the missing bundle.
  await expect(page.locator('#map .error-message')).toContainText(/Le fichier echarts-more\/echarts-more-[0-9a-f]+\.js n'a pas pu être téléchargé \(réseau : script absent/, { timeout: 20_000 });
});
