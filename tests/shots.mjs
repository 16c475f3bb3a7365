// Screenshots of blocks: node tests/shots.mjs URL WIDTH PREFIX BLOCK...
import { chromium } from '@playwright/test';
const [url, width, prefix, ...blocks] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 9000 }, locale: 'fr-FR' });
page.on('pageerror', (e) => console.log(`uncaught: ${e.message}`));
await page.goto(url);
await page.waitForSelector('body[data-app-ready="true"]');
await page.waitForTimeout(3000);
for (const block of blocks) {
  const target = block === 'top' ? page.locator('body') : page.locator(`#${block}`);
  if (block === 'top') { await page.screenshot({ path: `${prefix}-top.png`, clip: { x: 0, y: 0, width: Number(width), height: 1100 } }); continue; }
  if (await target.count() === 0) { console.log(`${block}: absent`); continue; }
  await target.screenshot({ path: `${prefix}-${block}.png` });
}
const ids = await page.evaluate(() => [...document.querySelectorAll('.view-block')].map((b) => b.id));
console.log('blocks:', ids.join(' '));
await browser.close();
