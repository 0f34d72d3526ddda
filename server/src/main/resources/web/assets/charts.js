// Charts with Apache ECharts (served from its WebJar), themed from the CSS variables.
import { busy } from './busy.js';

let echartsModule = null;
let worldNames = null;
const live = new Set();

async function lib() {
  if (!echartsModule) echartsModule = await import('/ui/vendor/echarts.esm.min.mjs');
  return echartsModule;
}

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const SEVERITY = ['low', 'medium', 'high', 'critical'];

function colorOf(name, i) {
  if (SEVERITY.includes(name)) return css(`--${name}`);
  const palette = ['#4c8dff', '#f2a93b', '#43b581', '#e05d5d', '#9b6dff', '#2bb5c9', '#d46fb5', '#8a9a5b', '#c27c0e', '#6c7a89'];
  return palette[i % palette.length];
}

function base() {
  const text = css('--text');
  const muted = css('--muted');
  const border = css('--border');
  return {
    animation: false,
    textStyle: { color: text },
    grid: { left: 48, right: 16, top: 28, bottom: 28 },
    tooltip: { backgroundColor: css('--panel'), borderColor: border, textStyle: { color: text } },
    legend: { textStyle: { color: muted }, top: 0, type: 'scroll' },
    axisStyle: { axisLine: { lineStyle: { color: border } }, axisLabel: { color: muted }, splitLine: { lineStyle: { color: border } } },
  };
}

async function make(el) {
  const echarts = await busy(lib);
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  live.add(chart);
  return { echarts, chart };
}

/** Disposes every chart (called when leaving a page). */
export function disposeAll() {
  live.forEach((c) => c.dispose());
  live.clear();
}

window.addEventListener('resize', () => live.forEach((c) => c.resize()));

/** Counts over time: series [{name, points: [[ms, n]]}], type 'bar' or 'line', stacked. */
export async function timeSeries(el, series, opts = {}) {
  const { chart } = await make(el);
  const b = base();
  chart.setOption({
    ...b,
    legend: series.length > 1 ? b.legend : { show: false },
    grid: { ...b.grid, top: series.length > 1 ? 28 : 12 },
    tooltip: { ...b.tooltip, trigger: 'axis' },
    xAxis: { type: 'time', ...b.axisStyle, splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, ...b.axisStyle },
    series: series.map((s, i) => ({
      name: s.name, type: opts.type || 'bar', stack: 'all', data: s.points, showSymbol: false,
      itemStyle: { color: colorOf(s.name, i) }, lineStyle: { color: colorOf(s.name, i) },
      barMaxWidth: 24, areaStyle: opts.type === 'line' ? { opacity: 0.15 } : undefined,
    })),
  });
  if (opts.onClick) chart.on('click', (p) => opts.onClick(p.value[0]));
  return chart;
}

/** Horizontal bars of top values: buckets [{key, count}]. */
export async function bars(el, buckets, opts = {}) {
  const { chart } = await make(el);
  const b = base();
  const rows = [...buckets].reverse();
  chart.setOption({
    ...b,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { ...b.tooltip, trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, ...b.axisStyle },
    yAxis: { type: 'category', data: rows.map((r) => r.key), ...b.axisStyle, axisLabel: { color: css('--muted'), width: 160, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r, i) => ({ value: r.count, itemStyle: { color: colorOf(r.key, opts.single ? 0 : i) } })),
      barMaxWidth: 18, label: { show: true, position: 'right', color: css('--muted') } }],
  });
  if (opts.onClick) chart.on('click', (p) => opts.onClick(rows[p.dataIndex].key));
  return chart;
}

export async function pie(el, buckets, opts = {}) {
  const { chart } = await make(el);
  const b = base();
  chart.setOption({
    ...b,
    tooltip: { ...b.tooltip, trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { ...b.legend, orient: 'vertical', left: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['40%', '70%'], center: ['65%', '50%'], label: { show: false },
      data: buckets.map((r, i) => ({ name: r.key, value: r.count, itemStyle: { color: colorOf(r.key, i) } })) }],
  });
  if (opts.onClick) chart.on('click', (p) => opts.onClick(p.name));
  return chart;
}

/** A world map shaded by count: buckets [{key: ISO alpha-2 code, count}]. */
export async function worldMap(el, buckets, opts = {}) {
  const { echarts, chart } = await make(el);
  if (!worldNames) {
    const geo = await busy(async () => (await fetch('/ui/vendor/world-110m.geo.json')).json());
    echarts.registerMap('world', geo);
    worldNames = Object.fromEntries(geo.features.map((f) => [f.properties.iso_a2, f.properties.name]));
  }
  const b = base();
  const max = Math.max(1, ...buckets.map((r) => r.count));
  chart.setOption({
    ...b,
    tooltip: { ...b.tooltip, trigger: 'item',
      formatter: (p) => `${worldNames[p.name] || p.name}: ${Number.isFinite(p.value) ? p.value : 0}` },
    visualMap: { min: 0, max, left: 8, bottom: 8, text: ['more', 'fewer'], calculable: false, itemHeight: 80,
      inRange: { color: ['#c6dbef', '#2171b5', '#08306b'] }, textStyle: { color: css('--muted') } },
    series: [{ type: 'map', map: 'world', nameProperty: 'iso_a2', roam: false, showLegendSymbol: false,
      itemStyle: { areaColor: css('--hover'), borderColor: css('--border') },
      emphasis: { label: { show: false }, itemStyle: { areaColor: css('--medium') } },
      data: buckets.map((r) => ({ name: r.key, value: r.count })) }],
  });
  if (opts.onClick) chart.on('click', (p) => opts.onClick(p.name));
  return chart;
}
