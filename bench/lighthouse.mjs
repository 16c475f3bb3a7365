// Lighthouse 12 on the built site, as an outside judge measures it (started by `cargo xtask bench`):
//   node bench/lighthouse.mjs <site URL> [runs]
// The Oise's page, France's and one embed, each with Lighthouse's default mobile profile (simulated
// slow 4G, processor ×4) and its desktop profile, in the system Chromium; the median of the runs
// (3 by default: scores move by a few points between runs on these shared machines).
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [siteUrl, runsText = '3'] = process.argv.slice(2);
const RUNS = Number(runsText);
const PAGES = [
  ['Oise', 'departements/60-oise/'],
  ['France', ''],
  ['embed export-sankey, Oise', 'departements/60-oise/?embed=export-sankey'],
];
const PROFILES = [['mobile', undefined], ['desktop', desktopConfig]];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [['page', 'profile', 'performance', 'LCP', 'TBT', 'CLS', 'FCP', 'SEO', 'accessibility', 'best practices']];
try {
  for (const [name, path] of PAGES) {
    for (const [profile, config] of PROFILES) {
      const runs = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(new URL(path, siteUrl).href, {
          port: chrome.port, output: 'json', logLevel: 'error',
          onlyCategories: ['performance', 'seo', 'accessibility', 'best-practices'],
        }, config);
        const { categories, audits } = result.lhr;
        runs.push({
          performance: categories.performance.score * 100,
          lcp: audits['largest-contentful-paint'].numericValue,
          tbt: audits['total-blocking-time'].numericValue,
          cls: audits['cumulative-layout-shift'].numericValue,
          fcp: audits['first-contentful-paint'].numericValue,
          seo: categories.seo.score * 100,
          accessibility: categories.accessibility.score * 100,
          practices: categories['best-practices'].score * 100,
          failed: Object.values(audits)
            .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary')
            .map((audit) => audit.id),
        });
      }
      const of = (key) => median(runs.map((run) => run[key]));
      rows.push([name, profile, of('performance').toFixed(0), `${(of('lcp') / 1000).toFixed(2)} s`,
        `${of('tbt').toFixed(0)} ms`, of('cls').toFixed(3), `${(of('fcp') / 1000).toFixed(2)} s`,
        of('seo').toFixed(0), of('accessibility').toFixed(0), of('practices').toFixed(0)]);
      const failed = [...new Set(runs.flatMap((run) => run.failed))];
      if (failed.length) console.log(`${name}, ${profile}: audits failed in a run: ${failed.join(', ')}`);
    }
  }
} finally {
  await chrome.kill();
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
console.log(`\nLighthouse 12 (median of ${RUNS} runs)\n${rows.map((row) => row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')).join('\n')}`);
