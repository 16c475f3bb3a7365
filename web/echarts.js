// The ECharts build the dashboard ships: only the charts and components its options use, so that the
// first view stays small (the full echarts.min.js is ~330 KB gzip). Bundled by esbuild during the set-up
// (`cargo xtask setup`), into target/echarts/echarts.min.js, which index.html hands to Trunk.
// A chart type or component missing here makes ECharts log an error and draw nothing: the end-to-end
// tests fail on console errors, so adding an option that needs more shows up there.
import * as echarts from 'echarts/core';
import { BarChart, MapChart, SankeyChart, ScatterChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  // The map of France (+13 KB gzip); its outline is fetched only when the map comes near the screen.
  MapChart,
  SankeyChart,
  ScatterChart,
  TreemapChart,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

// The app's binding (src/echarts.rs) reads the global `echarts`, as with the full build.
globalThis.echarts = echarts;
