// Takes a full-page screenshot of a URL in the system Chromium, and prints the console's errors.
// Usage: node tests/screenshot.mjs URL OUT.png [WIDTH] [HEIGHT]
import { chromium } from '@playwright/test';

const [url, out, width = '1280', height = '900'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, locale: 'fr-FR' });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => console.log(`uncaught: ${e.message}`));
await page.goto(url);
await page.waitForSelector('body[data-app-ready="true"]', { timeout: 20000 });
await page.waitForTimeout(2500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
