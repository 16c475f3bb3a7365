// The static pages: every territory's portrait saved from the release app itself, run in headless
// Chromium (`cargo xtask build` calls this after Trunk, with the site served on loopback).
//
//   node web/bake.mjs --url http://127.0.0.1:PORT/ --dist dist [--site-url https://host/path/]
//
// One rendering path: the app draws each territory's default selection (latest complete year, no
// filter) with every block, its charts in SVG (`comexBake`, src/takeover.rs), first at a phone's
// width, then at a desk's. What it drew is saved as the territory's page (`departements/60-oise/`,
// its address from the app's canonical link): the document as the app built it, each chart an image
// (the phone's and the desk's SVG in a <picture>), the styles the app set through the CSS object
// model moved into the page's own stylesheet (the CSP allows no inline style). The app takes the
// page over when it has loaded (src/takeover.rs). Then sitemap.xml and robots.txt.
import { chromium } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const options = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, word, index, words) =>
    word.startsWith('--') ? [...pairs, [word.slice(2), words[index + 1]]] : pairs, []));
const url = options.url;
const dist = options.dist;
const siteUrl = options['site-url'] ?? url;
if (!url || !dist) throw new Error('usage: node web/bake.mjs --url URL --dist DIR [--site-url URL]');

// The app's width limit for short labels (src/components/dashboard.rs, NARROW_WIDTH = 640).
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };
const NARROW_MEDIA = '(max-width: 639.98px)';
const PARALLEL = 2;

const manifest = JSON.parse(await (await fetch(new URL('data/v1/manifest.json', url))).text());
const territories = manifest.territories.map((entry) => entry.territory);
// France's page is the site's root: saved last, since every other one is drawn from the root.
territories.sort((a, b) => (a === 'fr') - (b === 'fr'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Waits until the app has drawn every block and no chart has been drawn for 400 ms. */
async function settled(page) {
  await page.waitForFunction(() => {
    if (!document.body.dataset.appReady) return false;
    if (document.querySelector('[aria-busy="true"], .skeleton, .loading')) return false;
    return [...document.querySelectorAll('.chart')].every((chart) =>
      window.echarts.getInstanceByDom(chart) || chart.textContent.trim());
  }, null, { timeout: 60_000, polling: 100 });
  let count = -1;
  for (;;) {
    const now = await page.evaluate(() => performance.getEntriesByName('comex:chart-drawn').length);
    if (now === count) return;
    count = now;
    await page.waitForTimeout(400);
  }
}

/** Each chart's SVG and height, by its block's id. */
function charts(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.view-block .chart')]
    .map((chart) => [chart, window.echarts.getInstanceByDom(chart)])
    .filter(([, instance]) => instance)
    .map(([chart, instance]) => [chart.closest('.view-block').id, {
      svg: instance.renderToSVGString(),
      width: chart.clientWidth,
      height: chart.clientHeight,
    }])));
}

/** The document as the app built it, made static (run in the page). */
function staticDocument({ path, desk, phone, narrowMedia, siteUrl }) {
  const root = document.documentElement.cloneNode(true);
  root.classList.remove('baked-stale');
  if (!root.getAttribute('class')) root.removeAttribute('class');
  const head = root.querySelector('head');
  const body = root.querySelector('body');
  // The app's bytes and data come after the page (the start script waits for its load).
  head.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]').forEach((link) => link.remove());
  head.querySelectorAll('script').forEach((script) => {
    if (!script.matches('script[data-page], script[type="module"][data-echarts-src]')) script.remove();
  });
  // Search engines are sent to the published site (its address given to the build).
  head.querySelector('link[rel="canonical"]').setAttribute('href', new URL(path, siteUrl).href);
  const depth = path.split('/').filter(Boolean).length;
  head.querySelector('base').setAttribute('href', depth ? '../'.repeat(depth) : './');
  // Each chart: its SVG for a phone and for a desk, at the heights the app gave them.
  const rules = [];
  body.querySelectorAll('.view-block .chart').forEach((chart, index) => {
    const id = chart.closest('.view-block').id;
    chart.replaceChildren();
    chart.removeAttribute('style');
    chart.removeAttribute('_echarts_instance_');
    const wide = desk[id];
    const narrow = phone[id];
    if (!wide) return;
    const picture = document.createElement('picture');
    if (narrow) {
      const source = document.createElement('source');
      source.setAttribute('media', narrowMedia);
      source.setAttribute('srcset', `${path}${id}-narrow.svg`);
      source.setAttribute('width', narrow.width);
      source.setAttribute('height', narrow.height);
      picture.append(source);
    }
    const image = document.createElement('img');
    image.setAttribute('src', `${path}${id}.svg`);
    image.setAttribute('alt', '');
    image.setAttribute('width', wide.width);
    image.setAttribute('height', wide.height);
    image.setAttribute('loading', index === 0 ? 'eager' : 'lazy');
    image.setAttribute('decoding', 'async');
    picture.append(image);
    chart.append(picture);
    chart.classList.add(`chart-${index}`);
    rules.push(`.chart-${index}{height:${wide.height}px}`);
    if (narrow) rules.push(`@media ${narrowMedia}{.chart-${index}{height:${narrow.height}px}}`);
  });
  // Styles the app set through the CSS object model become classes of the page's stylesheet.
  const classes = new Map();
  body.querySelectorAll('[style]').forEach((element) => {
    const style = element.getAttribute('style');
    if (!classes.has(style)) {
      classes.set(style, `style-${classes.size}`);
      rules.push(`.style-${classes.size - 1}{${style}}`);
    }
    element.classList.add(classes.get(style));
    element.removeAttribute('style');
  });
  body.removeAttribute('data-app-ready');
  // What only the app's rendering needs: its empty comment markers (2 666 on the Oise's page) and
  // empty class attributes (6 904), a sixth of the page's bytes for the browser to parse.
  const comments = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const empty = [];
  while (comments.nextNode()) if (comments.currentNode.data === '') empty.push(comments.currentNode);
  empty.forEach((comment) => comment.remove());
  root.querySelectorAll('[class=""]').forEach((element) => element.removeAttribute('class'));
  // « requires JavaScript »: not so for the static page, complete as it is.
  body.querySelectorAll('noscript').forEach((notice) => notice.remove());
  // Controls act once the app has taken over; without it, noscript.css hides them.
  body.querySelectorAll('select, input, textarea, button').forEach((control) => control.setAttribute('disabled', ''));
  const baked = document.createElement('div');
  baked.id = 'baked';
  baked.append(...body.childNodes);
  const loading = document.createElement('p');
  loading.className = 'loading';
  loading.id = 'page-loading';
  loading.textContent = 'Chargement des données…';
  body.append(loading, baked);
  const stylesheet = document.createElement('link');
  stylesheet.setAttribute('rel', 'stylesheet');
  stylesheet.setAttribute('href', `${path}page.css`);
  head.append(stylesheet);
  return { html: `<!DOCTYPE html>\n${root.outerHTML}\n`, css: `${rules.join('\n')}\n` };
}

async function bake(territory) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR' });
  await context.addInitScript(() => { window.comexBake = true; });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(new URL(`?territory=${territory}`, url).href);
  await settled(page);
  const phone = await charts(page);
  await page.setViewportSize(DESK);
  await settled(page);
  const desk = await charts(page);
  const canonical = await page.evaluate(() => document.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  if (!canonical?.startsWith(url)) throw new Error(`${territory}: the app wrote no canonical address on this site (${canonical})`);
  const path = canonical.slice(url.length);
  const { html: drawn, css } = await page.evaluate(staticDocument, { path, desk, phone, narrowMedia: NARROW_MEDIA, siteUrl });
  // The page's stylesheet with Subresource Integrity, as every other one.
  const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  const html = drawn.replace(`href="${path}page.css">`, `href="${path}page.css" integrity="${integrity}">`);
  if (errors.length) throw new Error(`${territory}: the page logged errors:\n${errors.join('\n')}`);
  await context.close();
  const folder = join(dist, path);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'index.html'), html);
  await writeFile(join(folder, 'page.css'), css);
  for (const [id, chart] of Object.entries(desk)) await writeFile(join(folder, `${id}.svg`), chart.svg);
  for (const [id, chart] of Object.entries(phone)) await writeFile(join(folder, `${id}-narrow.svg`), chart.svg);
  return path;
}

const started = Date.now();
const paths = [];
const queue = [...territories];
const france = queue.pop();
await Promise.all(Array.from({ length: PARALLEL }, async () => {
  for (let territory = queue.shift(); territory; territory = queue.shift()) paths.push(await bake(territory));
}));
paths.push(await bake(france));
await browser.close();

const absolute = (path) => new URL(path, siteUrl).href;
const sitemap = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ...paths.sort().map((path) => `  <url><loc>${absolute(path)}</loc></url>`),
  '</urlset>',
  '',
].join('\n');
await writeFile(join(dist, 'sitemap.xml'), sitemap);
await writeFile(join(dist, 'robots.txt'), `User-agent: *\nAllow: /\nSitemap: ${absolute('sitemap.xml')}\n`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`bake: ${paths.length} pages in ${seconds} s (${(await readFile(join(dist, 'sitemap.xml'))).length} B of sitemap)`);
