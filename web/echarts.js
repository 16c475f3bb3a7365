// The ECharts build the page loads first: what the first screen's chart needs (the partner countries'
// bars and balance points) and the components every chart uses. The other chart types are in echarts-more.js, loaded
// after the first chart. Bundled by web/echarts-build.mjs during the set-up (`cargo xtask setup`).
// A chart type or component missing from both makes ECharts log an error and draw nothing: the
// end-to-end tests fail on console errors, so adding an option that needs more shows up there.
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, ScatterChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

// The app's binding (src/echarts.rs) reads the global `echarts`, as with the full build.
globalThis.echarts = echarts;
