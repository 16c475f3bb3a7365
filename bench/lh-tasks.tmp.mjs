import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
const [url] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const a = result.lhr.audits;
  console.log('perf', result.lhr.categories.performance.score * 100, 'TBT', a['total-blocking-time'].numericValue, 'LCP', a['largest-contentful-paint'].numericValue, 'FCP', a['first-contentful-paint'].numericValue, 'TTI', a['interactive']?.numericValue);
  console.log('long tasks:'); for (const t of a['long-tasks'].details.items) console.log(' ', Math.round(t.startTime), Math.round(t.duration), t.url);
  console.log('bootup:'); for (const t of a['bootup-time'].details.items) console.log(' ', Math.round(t.total), Math.round(t.scripting), Math.round(t.scriptParseCompile), t.url);
  console.log('breakdown:'); for (const t of a['mainthread-work-breakdown'].details.items) console.log(' ', Math.round(t.duration), t.groupLabel);
  console.log('lcp element:', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet));
} finally { await chrome.kill(); }
