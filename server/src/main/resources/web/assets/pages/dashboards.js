// Dashboards: the built-in ones and the user's; open, clone, delete.
import { h, put, toast, errorBox } from '../dom.js';
import { get, post, api, qs } from '../api.js';
import { go } from '../router.js';

export async function clone(id) {
  const copy = await post(`/api/v1/dashboards/${encodeURIComponent(id)}/clone`, {});
  toast(`Cloned as ${copy.title}`);
  go(`/ui/dashboards/edit${qs({ id: copy.id })}`);
}

export async function render(main) {
  main.append(h('h1', {}, 'Dashboards'));
  const body = h('div', { class: 'grid', id: 'dashboards' });
  main.append(body);
  let r;
  try { r = await get('/api/v1/dashboards'); } catch (e) { put(body, errorBox(e)); return; }
  put(body, r.dashboards.map((d) => h('section', { class: 'card', dataset: { id: d.id } },
    h('div', { class: 'row spread' }, h('h2', {}, h('a', { href: `/ui/dashboards/view${qs({ id: d.id })}` }, d.title)),
      h('span', { class: 'badge' }, d.built_in ? 'built-in' : 'custom')),
    h('p', { class: 'muted' }, d.description || `${d.panels.length} panels`),
    h('div', { class: 'row' },
      h('a', { class: 'button', href: `/ui/dashboards/view${qs({ id: d.id })}` }, 'Open'),
      h('button', { type: 'button', onclick: () => clone(d.id) }, 'Clone'),
      !d.built_in && h('a', { class: 'button', href: `/ui/dashboards/edit${qs({ id: d.id })}` }, 'Edit'),
      !d.built_in && h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Delete dashboard ${d.title}?`)) return;
        await api('DELETE', `/api/v1/dashboards/${encodeURIComponent(d.id)}`);
        go('/ui/dashboards', true);
      } }, 'Delete')))));
}
