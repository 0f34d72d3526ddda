// One dashboard: its panels over the time range in the URL.
import { h, add, errorBox } from '../dom.js';
import { get, qs } from '../api.js';
import { params, go } from '../router.js';
import { currentRange, timePicker } from '../time.js';
import { panelCard } from '../panel.js';
import { clone } from './dashboards.js';

export async function render(main) {
  const id = params().get('id');
  let d;
  try { d = await get(`/api/v1/dashboards/${encodeURIComponent(id)}`); } catch (e) { main.append(errorBox(e)); return; }
  const range = currentRange();
  add(main, h('div', { class: 'row spread' }, h('h1', { id: 'dashboard-title' }, d.title),
    h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => clone(d.id), title: d.built_in ? 'Built-in dashboards are read-only: clone to change one' : 'Make a copy' }, 'Clone'),
      !d.built_in && h('a', { class: 'button', href: `/ui/dashboards/edit${qs({ id: d.id })}` }, 'Edit'),
      timePicker())),
  d.description ? h('p', { class: 'muted' }, d.description) : null,
  h('div', { class: 'grid', id: 'panels' }, d.panels.map((p) => panelCard(p, range, go))));
}
