// The ECharts build the page loads first: what the first screen's chart needs to be drawn (the
// partner countries' bars and balance points, their axes). The other chart types, the tooltips and
// the legends are in echarts-more.js, loaded after the first chart (the tooltips, invisible until a
// hover, were 6,5 KB brotli of this bundle, the legend 2,9: the app adds them to the charts drawn
// before, the legend in room the chart keeps for it).
// Bundled by web/echarts-build.mjs during the set-up (`cargo xtask setup`).
// A chart type missing from both makes ECharts log an error and draw nothing: the end-to-end tests
// fail on console errors, so adding an option that needs more shows up there.
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, ScatterChart, GridComponent, CanvasRenderer]);

// The app's binding (src/echarts.rs) reads the global `echarts`, as with the full build.
globalThis.echarts = echarts;
