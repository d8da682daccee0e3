// The trend chart: ECharts, only the parts drawn here (tree-shaken by the bundler), SVG so that it stays sharp and
// light on a phone. Daily volume as bars, removals per day as a line, the baseline and current weeks shaded.
import * as echarts from 'echarts/core';
import {BarChart, LineChart} from 'echarts/charts';
import {AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent} from 'echarts/components';
import {SVGRenderer} from 'echarts/renderers';
import {formatNumber} from './i18n.js';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, SVGRenderer]);

/**
 * Draws (or redraws) the chart in {@code element}. {@code data}: {dates: ['2026-11-02', …], labels: ['2 nov.', …],
 * volumes: [number, …] in the unit shown, removals: [int, …], weeks: [{name, from, to}], text: {unit, volume, removals,
 * description}} (description: what a screen reader says of the chart).
 * Answers the chart, whose option tests and screen readers can read.
 */
export function draw(element, data) {
  const chart = echarts.getInstanceByDom(element) || echarts.init(element, null, {renderer: 'svg'});
  const index = (date) => Math.max(0, data.dates.indexOf(date));
  chart.setOption({
    animation: false,
    // what a screen reader says of the chart (ECharts' own description names each point's index too)
    aria: {enabled: true, label: {description: describe(data)}},
    grid: {left: 8, right: 8, top: 36, bottom: 8, containLabel: true},
    legend: {top: 0, itemGap: 12},
    tooltip: {trigger: 'axis'},
    xAxis: {type: 'category', data: data.labels, axisTick: {alignWithLabel: true}},
    yAxis: [
      // the unit is in the legend ("Volume (mL)"): an axis name would sit on it on a phone
      {type: 'value', minInterval: data.digits ? 0.5 : 10},
      {type: 'value', name: '', minInterval: 1, splitLine: {show: false}},
    ],
    series: [
      {
        id: 'volume', name: data.text.volume, type: 'bar', data: data.volumes, itemStyle: {color: '#2f6f62'},
        markArea: {
          silent: true, itemStyle: {color: 'rgba(47,111,98,0.10)'}, label: {color: '#1d2b28', position: 'insideTop'},
          data: data.weeks.map((w) => [{name: w.name, xAxis: index(w.from)}, {xAxis: index(w.to)}]),
        },
      },
      {
        id: 'removals', name: data.text.removals, type: 'line', yAxisIndex: 1, data: data.removals,
        itemStyle: {color: '#b5651d'}, lineStyle: {width: 2}, symbol: 'circle', symbolSize: 6,
      },
    ],
  }, true);
  return chart;
}

/** "<what it shows> Mon 9 Nov: 816 mL; Removals: 8. Tue 10 Nov: …" — every drawn point, in the app's language. */
function describe(data) {
  const days = data.labels.map((label, i) =>
    `${label}: ${formatNumber(data.volumes[i], data.digits)} ${data.text.unit}; ${data.text.removals}: ${data.removals[i]}.`);
  return [data.text.description, ...days].join(' ');
}

/** Lets the chart go (ECharts keeps every chart in a registry until it is disposed). */
export function dispose(element) {
  echarts.dispose(element);
}

/** Follows the element's width (a phone turned, a window resized). */
export function resizeWith(element) {
  const observer = new ResizeObserver(() => echarts.getInstanceByDom(element)?.resize());
  observer.observe(element);
  return () => observer.disconnect();
}
