// Edit a user dashboard: its title and panels (query, aggregation, chart); the server validates.
import { h, put, toast, errorBox } from '../dom.js';
import { get, api, qs } from '../api.js';
import { params, go } from '../router.js';

const CHARTS = ['line', 'bar', 'pie', 'map', 'table', 'number'];
const TYPES = ['count', 'cardinality', 'date_histogram', 'terms'];

function panelEditor(p) {
  const a = p.aggregation || { type: 'count' };
  const input = (value, attrs) => h('input', { value: value ?? '', ...attrs });
  const select = (options, value, label) => h('select', { 'aria-label': label }, options.map((o) => h('option', { value: o, selected: o === value }, o)));
  const f = {
    title: input(p.title, { 'aria-label': 'Panel title', size: 28 }),
    index: select(['logs', 'security_events'], p.index || 'logs', 'Index'),
    query: input(p.query, { 'aria-label': 'Query', size: 40, placeholder: 'Lucene query' }),
    type: select(TYPES, a.type, 'Aggregation'),
    field: input(a.field, { 'aria-label': 'Field', size: 18, placeholder: 'field' }),
    size: input(a.size || '', { 'aria-label': 'Size', size: 3, placeholder: '10' }),
    split: input(a.split, { 'aria-label': 'Split by', size: 14, placeholder: 'split by (histogram)' }),
    chart: select(CHARTS, p.chart, 'Chart'),
    width: select(['1', '2', '3'], String(p.width || 1), 'Width'),
  };
  const el = h('div', { class: 'card', style: 'margin-bottom:8px' },
    h('div', { class: 'row' }, f.title, f.chart, h('span', { class: 'hint' }, 'width'), f.width, h('div', { class: 'grow' }),
      h('button', { type: 'button', class: 'small', 'aria-label': 'Move up', onclick: () => el.previousElementSibling && el.parentElement.insertBefore(el, el.previousElementSibling) }, '↑'),
      h('button', { type: 'button', class: 'small danger', 'aria-label': 'Remove panel', onclick: () => el.remove() }, '×')),
    h('div', { class: 'row', style: 'margin-top:6px' }, f.index, f.query, f.type, f.field, f.size, f.split));
  el.value = () => {
    const agg = { type: f.type.value };
    if (f.field.value.trim()) agg.field = f.field.value.trim();
    if (f.type.value === 'terms' && f.size.value) agg.size = Number(f.size.value);
    if (f.type.value === 'date_histogram' && f.split.value.trim()) agg.split = f.split.value.trim();
    if (a.details && f.type.value === 'terms') agg.details = a.details;
    return { title: f.title.value, index: f.index.value, query: f.query.value, aggregation: agg, chart: f.chart.value, width: Number(f.width.value) };
  };
  return el;
}

export async function render(main) {
  const id = params().get('id');
  let d;
  try { d = await get(`/api/v1/dashboards/${encodeURIComponent(id)}`); } catch (e) { main.append(errorBox(e)); return; }
  const title = h('input', { id: 'd-title', value: d.title, size: 40 });
  const description = h('input', { id: 'd-description', value: d.description, style: 'width:100%' });
  const panels = h('div', { id: 'panel-editors' }, d.panels.map(panelEditor));
  const problems = h('div', {});
  const save = async () => {
    try {
      await api('PUT', `/api/v1/dashboards/${encodeURIComponent(id)}`, { title: title.value, description: description.value, panels: [...panels.children].map((p) => p.value()) });
      toast('Dashboard saved');
      go(`/ui/dashboards/view${qs({ id })}`);
    } catch (e) {
      put(problems, errorBox(e), ((e.body && e.body.problems) || []).map((p) => h('div', { class: 'field-error' }, p)));
    }
  };
  main.append(h('div', { class: 'row spread' }, h('h1', {}, `Edit: ${d.title}`),
    h('div', { class: 'row' }, h('a', { class: 'button', href: `/ui/dashboards/view${qs({ id })}` }, 'Cancel'), h('button', { type: 'button', class: 'primary', onclick: save }, 'Save'))),
  problems,
  h('div', { class: 'card', style: 'margin-bottom:12px' }, h('label', { for: 'd-title' }, 'Title'), title, h('label', { for: 'd-description' }, 'Description'), description),
  panels,
  h('button', { type: 'button', onclick: () => panels.append(panelEditor({ title: 'New panel', index: 'logs', query: '', aggregation: { type: 'date_histogram' }, chart: 'line', width: 1 })) }, '+ Panel'));
}
