// The chart types, the component and the renderer the first screen's chart does without, loaded by
// the app once the first chart is drawn (src/echarts.rs): the Sankey diagrams, the goods treemaps,
// the map of France (its outline comes apart, when the map is near the screen), the tooltips and the
// legends (added then to the charts already drawn: src/components/chart.rs), and the SVG renderer of the « SVG »
// download. Bundled by web/echarts-build.mjs, sharing the modules of web/echarts.js instead of
// carrying a second copy of them.
import * as echarts from 'echarts/core';
import { MapChart, SankeyChart, TreemapChart } from 'echarts/charts';
import { LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([MapChart, SankeyChart, TreemapChart, LegendPlainComponent, TooltipComponent, SVGRenderer]);

globalThis.echartsMoreLoaded = true;
