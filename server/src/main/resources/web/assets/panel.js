// One dashboard panel: asks the server for its data (POST /api/v1/panels/query) and draws its chart.
import { h, put, fmtNum, fmtTime, clause, errorBox } from './dom.js';
import { post, qs } from './api.js';
import { timeSeries, bars, pie, worldMap } from './charts.js';

/** Where a click on a value leads: Discover for logs, Events for security events. */
export function drillDown(panel, field, value, range) {
  const q = [panel.query, clause(field, value)].filter((x) => x && x.trim() && x.trim() !== '*').join(' AND ');
  if (panel.index === 'security_events') return `/ui/events${qs({ q: clause(field, value), from: range.from, to: range.to })}`;
  return `/ui/discover${qs({ q, from: range.from, to: range.to })}`;
}

function table(panel, data, range) {
  const details = (panel.aggregation.details || []);
  const withSeen = data.buckets.length > 0 && 'first_seen' in data.buckets[0];
  return h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, panel.aggregation.field), h('th', { class: 'num' }, 'count'),
      withSeen && h('th', {}, 'first seen'), withSeen && h('th', {}, 'last seen'), details.map((d) => h('th', {}, d)))),
    h('tbody', {}, data.buckets.map((b) => h('tr', {},
      h('td', { class: 'mono' }, h('a', { href: drillDown(panel, panel.aggregation.field, b.key, range) }, b.key)),
      h('td', { class: 'num' }, fmtNum(b.count)),
      withSeen && h('td', { class: 'nowrap' }, fmtTime(b.first_seen)),
      withSeen && h('td', { class: 'nowrap' }, fmtTime(b.last_seen)),
      details.map((d) => h('td', {}, format(b.details ? b.details[d] : null)))))));
}

function format(v) {
  if (v === null || v === undefined) return '–';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** Draws a panel's data into body. */
export async function draw(body, panel, data, range, go) {
  const field = panel.aggregation.field;
  const open = (value) => go(drillDown(panel, field, value, range));
  if (panel.chart === 'number') {
    put(body, h('div', { class: 'stat' }, h('div', { class: 'value' }, fmtNum(data.value))));
    return;
  }
  const empty = (data.buckets && data.buckets.length === 0) || (data.series && data.total === 0);
  if (empty) {
    put(body, h('p', { class: 'muted' }, 'No matching events in this time range.'));
    return;
  }
  if (panel.chart === 'table') {
    put(body, table(panel, data, range));
    return;
  }
  const el = h('div', { class: panel.chart === 'map' ? 'chart tall' : 'chart' });
  put(body, el);
  if (panel.chart === 'line' || (panel.chart === 'bar' && data.series)) {
    await timeSeries(el, data.series, { type: panel.chart });
  } else if (panel.chart === 'bar') {
    await bars(el, data.buckets, { onClick: open });
  } else if (panel.chart === 'pie') {
    await pie(el, data.buckets, { onClick: open });
  } else if (panel.chart === 'map') {
    await worldMap(el, data.buckets, { onClick: open });
  }
}

/** A card with the panel's title that fills itself; go(url) navigates. */
export function panelCard(panel, range, go) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const card = h('section', { class: `card w${panel.width || 1}`, 'aria-label': panel.title, dataset: { chart: panel.chart } },
    h('h2', {}, panel.title), body);
  post('/api/v1/panels/query', { panel, from: range.from, to: range.to })
    .then((data) => draw(body, panel, data, range, go))
    .catch((e) => put(body, errorBox(e)));
  return card;
}
