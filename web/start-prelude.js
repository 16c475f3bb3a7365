// Put before Trunk's loader by xtask/src/strict_page.rs. On a territory's static page (web/bake.mjs)
// the app's bytes wait until the page and its first charts have loaded, so that they do not share
// the line with them; elsewhere the app starts at once. ECharts' first bundle is added here, with
// its integrity, beside the WASM.
const start = document.querySelector('script[data-echarts-src]');
const root = document.documentElement;
if (document.getElementById('baked') && !root.classList.contains('baked-stale') && document.readyState !== 'complete') {
  await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
}
if (start) {
  const echarts = document.createElement('script');
  echarts.src = start.dataset.echartsSrc;
  echarts.integrity = start.dataset.echartsIntegrity;
  echarts.crossOrigin = 'anonymous';
  document.head.append(echarts);
}
