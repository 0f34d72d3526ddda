// Discover: Lucene query, time range, histogram, hits, field list with top values, filters in the URL.
import { h, add, put, fmtNum, fmtTime, flatten, clause, errorBox } from '../dom.js';
import { get, post, qs } from '../api.js';
import { params, setParams } from '../router.js';
import { currentRange, timePicker, interval, toMillis } from '../time.js';
import { timeSeries } from '../charts.js';

const PAGE = 100;
let fieldTypes = null;

/** Filters live in the URL as f=field:value (for) and f=-field:value (against). */
function filters() {
  return params().getAll('f').map((f) => {
    const neg = f.startsWith('-');
    const body = neg ? f.slice(1) : f;
    const i = body.indexOf(':');
    return { neg, field: body.slice(0, i), value: body.slice(i + 1), raw: f };
  });
}

/** The query actually run: the typed query AND each filter. */
export function fullQuery(q, fs) {
  const parts = [];
  if (q && q.trim() && q.trim() !== '*') parts.push(fs.length ? `(${q})` : q);
  fs.forEach((f) => parts.push(`${f.neg ? 'NOT ' : ''}${clause(f.field, f.value)}`));
  if (parts.length && parts.every((p) => p.startsWith('NOT '))) parts.unshift('*');
  return parts.join(' AND ');
}

function addFilter(field, value, neg) {
  const f = `${neg ? '-' : ''}${field}:${value}`;
  const rest = params().getAll('f').filter((x) => x !== f && x !== (neg ? f.slice(1) : `-${f}`));
  setParams({ f: [...rest, f] });
}

function filterButtons(field, value) {
  return [
    h('button', { type: 'button', class: 'small ghost', title: `Filter for ${field}: ${value}`, 'aria-label': `Filter for ${value}`, onclick: () => addFilter(field, value, false) }, '⊕'),
    h('button', { type: 'button', class: 'small ghost', title: `Filter out ${field}: ${value}`, 'aria-label': `Filter out ${value}`, onclick: () => addFilter(field, value, true) }, '⊖'),
  ];
}

function queryBar(q) {
  const input = h('input', { id: 'q', name: 'q', value: q, placeholder: 'Lucene query, e.g. http.response.status_code:[400 TO 499] AND source.ip:"10.0.0.0/8"', 'data-search': true, 'aria-label': 'Query', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'query', role: 'search' }, input, h('button', { type: 'submit', class: 'primary' }, 'Search'));
  form.addEventListener('submit', (e) => { e.preventDefault(); setParams({ q: input.value }); });
  return { form, input };
}

function chips(fs) {
  if (!fs.length) return null;
  return h('div', { class: 'chips', 'aria-label': 'Filters' }, fs.map((f) => h('span', { class: `chip${f.neg ? ' neg' : ''}` },
    `${f.neg ? 'NOT ' : ''}${f.field}: ${f.value}`,
    h('button', { type: 'button', class: 'small ghost', 'aria-label': `Remove filter ${f.field}`, onclick: () => setParams({ f: params().getAll('f').filter((x) => x !== f.raw) }) }, '×'))));
}

function queryError(err, q) {
  const box = errorBox(err);
  box.id = 'query-error';
  const pos = err.body && err.body.position;
  if (pos && q) box.append(h('pre', {}, `${q}\n${' '.repeat(Math.max(0, pos - 1))}^`));
  return box;
}

function docView(hit) {
  const flat = flatten(hit);
  return h('div', { class: 'doc' }, Object.keys(flat).sort().flatMap((k) => [
    h('div', { class: 'k' }, k),
    h('div', { class: 'v' }, Array.isArray(flat[k]) ? flat[k].join(', ') : String(flat[k]), ' ', k.startsWith('_') ? null : filterButtons(k, Array.isArray(flat[k]) ? flat[k][0] : flat[k])),
  ]));
}

function summaryOf(hit) {
  if (hit.message) return hit.message;
  const flat = flatten(hit);
  return Object.entries(flat).filter(([k]) => !k.startsWith('_') && k !== '@timestamp').slice(0, 8).map(([k, v]) => `${k}: ${v}`).join('  ');
}

function hitsTable(hits) {
  const rows = [];
  hits.forEach((hit) => {
    const detail = h('tr', { hidden: true }, h('td', { colspan: 3 }, docView(hit)));
    const toggle = h('button', { type: 'button', class: 'small ghost', 'aria-expanded': 'false', 'aria-label': 'Show all fields' }, '▸');
    const row = h('tr', {}, h('td', {}, toggle), h('td', { class: 'nowrap mono' }, fmtTime(hit['@timestamp'])), h('td', { class: 'mono', style: 'word-break:break-all' }, summaryOf(hit)));
    toggle.addEventListener('click', () => {
      detail.hidden = !detail.hidden;
      toggle.textContent = detail.hidden ? '▸' : '▾';
      toggle.setAttribute('aria-expanded', String(!detail.hidden));
    });
    rows.push(row, detail);
  });
  return h('table', { id: 'hits' }, h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, 'Time'), h('th', {}, 'Event'))), h('tbody', {}, rows));
}

function fieldList(hits, q, range) {
  const seen = new Map();
  hits.forEach((hit) => Object.keys(flatten(hit)).forEach((k) => seen.set(k, (seen.get(k) || 0) + 1)));
  const names = [...seen.keys()].filter((k) => !k.startsWith('_')).sort();
  const list = h('div', { class: 'fields', id: 'fields' });
  names.forEach((name) => {
    const values = h('div', { class: 'topvalues', hidden: true });
    const type = fieldTypes && fieldTypes[name];
    const button = h('button', { type: 'button', class: 'field', 'aria-expanded': 'false', title: type ? `${name} (${type})` : name }, name);
    button.addEventListener('click', async () => {
      values.hidden = !values.hidden;
      button.setAttribute('aria-expanded', String(!values.hidden));
      if (values.hidden || values.dataset.loaded) return;
      values.dataset.loaded = '1';
      put(values, h('span', { class: 'muted' }, 'Loading…'));
      try {
        const r = await post('/api/v1/search', { q, from: range.from, to: range.to, size: 0, aggs: { top: { terms: { field: name, size: 5 } } } });
        const buckets = r.aggregations.top.buckets;
        if (!buckets.length) { put(values, h('span', { class: 'muted' }, 'No values (text fields are not counted).')); return; }
        put(values, buckets.map((b) => {
          const v = b.key_as_string || String(b.key);
          return h('div', { class: 'tv' }, h('span', { class: 'grow mono', title: v }, v), h('span', { class: 'muted' }, `${Math.round((100 * b.doc_count) / Math.max(1, r.total))}%`), filterButtons(name, v));
        }));
      } catch (e) {
        put(values, errorBox(e));
      }
    });
    list.append(button, values);
  });
  return h('aside', { class: 'card', 'aria-label': 'Fields' }, h('h2', {}, 'Fields'), names.length ? list : h('p', { class: 'muted' }, 'No fields.'));
}

export async function render(main) {
  const p = params();
  const q = p.get('q') || '';
  const fs = filters();
  const range = currentRange();
  const query = fullQuery(q, fs);
  const bar = queryBar(q);
  const status = h('div', { class: 'row spread' });
  const chart = h('div', { class: 'chart short', id: 'histogram' });
  add(main, h('div', { class: 'row spread' }, h('h1', {}, 'Discover'), timePicker()),
    h('div', { class: 'row' }, h('div', { class: 'grow' }, bar.form)), chips(fs));
  const body = h('div', {}, h('p', { class: 'muted' }, 'Searching…'));
  main.append(body);
  if (!fieldTypes) get('/api/v1/fields').then((r) => { fieldTypes = r.fields; }).catch(() => {});
  let result;
  try {
    result = await post('/api/v1/search', { q: query, from: range.from, to: range.to, size: PAGE,
      aggs: { histogram: { date_histogram: { field: '@timestamp', interval: interval(range) } },
        source: { terms: { field: 'event.dataset', size: 1 } } } });
  } catch (e) {
    put(body, queryError(e, query));
    return;
  }
  const dataset = (result.aggregations.source.buckets[0] || {}).key || '';
  const create = h('a', { class: 'button', id: 'create-rule', href: `/ui/rules/edit${qs({ new: 1, q: query, source: dataset })}`,
    title: 'Open the rule editor with this query' }, '+ Create rule');
  put(status, h('div', {}, h('strong', { id: 'hit-count' }, fmtNum(result.total)), ` hits`, h('span', { class: 'muted' }, ` in ${result.took} ms${result.total > PAGE ? ` · newest ${PAGE} shown` : ''}`)), create);
  const points = result.aggregations.histogram.buckets.map((b) => [b.key, b.doc_count]);
  put(body, h('div', { class: 'layout-discover' }, fieldList(result.hits, query, range),
    h('div', { class: 'card' }, status, chart, result.hits.length ? hitsTable(result.hits) : h('p', { class: 'muted' }, 'No events match. Widen the time range or change the query.'))));
  const step = toMillis(interval(range).replace(/^(\d+)(\w)$/, 'now-$1$2'), 0) * -1;
  await timeSeries(chart, [{ name: 'events', points }], { type: 'bar', onClick: (t) => setParams({ from: new Date(t).toISOString(), to: new Date(t + step).toISOString() }) });
}
