/**
 * The parts of ECharts the dashboard draws with, registered once: bar charts with their grid, tooltip and legend,
 * drawn as SVG (crisp when printed, and the drawn data is in the page). Imported only by the chart component, on first
 * use, so ECharts stays out of the UI shell.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
