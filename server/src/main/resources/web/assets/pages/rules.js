// Rules: filters and search in the URL, enable/disable in place, import and export YAML.
import { h, put, severityBadge, toast, errorBox, debounce } from '../dom.js';
import { get, post, qs, api } from '../api.js';
import { params, setParams } from '../router.js';

function filterBar(p) {
  const field = (name, label, el) => h('div', {}, h('label', { for: `rf-${name}` }, label), el);
  const q = h('input', { id: 'rf-q', value: p.get('q') || '', placeholder: 'id, title or description', 'data-search': true });
  q.addEventListener('input', debounce(() => setParams({ q: q.value }, true), 300));
  const select = (name, options) => {
    const s = h('select', { id: `rf-${name}` }, options.map(([v, l]) => h('option', { value: v, selected: (p.get(name) || '') === v }, l)));
    s.addEventListener('change', () => setParams({ [name]: s.value }));
    return s;
  };
  const text = (name, placeholder) => {
    const i = h('input', { id: `rf-${name}`, value: p.get(name) || '', placeholder, size: 14 });
    i.addEventListener('change', () => setParams({ [name]: i.value }));
    return i;
  };
  return h('div', { class: 'filters' },
    field('q', 'Search', q),
    field('severity', 'Severity', select('severity', [['', 'any'], ['low', 'low'], ['medium', 'medium'], ['high', 'high'], ['critical', 'critical']])),
    field('source', 'Data source', text('source', 'nginx.access')),
    field('tag', 'Tag', text('tag', 'pci_dss')),
    field('enabled', 'Enabled', select('enabled', [['', 'any'], ['true', 'enabled'], ['false', 'disabled']])));
}

function toggle(rule) {
  const box = h('input', { type: 'checkbox', checked: rule.enabled, 'aria-label': `Enable ${rule.id}`, dataset: { rule: rule.id } });
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      const r = await post(`/api/v1/rules/${encodeURIComponent(rule.id)}/${box.checked ? 'enable' : 'disable'}`);
      box.checked = r.enabled;
      toast(`${rule.id} ${r.enabled ? 'enabled' : 'disabled'}`);
    } catch (e) {
      box.checked = !box.checked;
      toast(e.message);
    } finally {
      box.disabled = false;
    }
  });
  return h('label', { class: 'switch' }, box, h('span', { class: 'muted' }, rule.enabled ? 'on' : 'off'));
}

function importDialog() {
  const text = h('textarea', { id: 'import-yaml', rows: 14, placeholder: 'id: my-rule\ntitle: ...\n---\nid: another-rule\n...' });
  const file = h('input', { type: 'file', accept: '.yml,.yaml,text/yaml' });
  file.addEventListener('change', async () => { if (file.files[0]) text.value = await file.files[0].text(); });
  const out = h('div', {});
  const dialog = h('dialog', { 'aria-label': 'Import rules' }, h('h2', {}, 'Import rules (YAML)'),
    h('p', { class: 'hint' }, 'One or more rules separated by ---. Existing ids are updated; all are checked before any is saved.'),
    file, text, out,
    h('div', { class: 'row', style: 'margin-top:8px' },
      h('button', { type: 'button', class: 'primary', onclick: async () => {
        try {
          const r = await api('POST', '/api/v1/rules/import', text.value, { type: 'application/yaml' });
          toast(`Imported: ${r.created.length} created, ${r.updated.length} updated`);
          dialog.close();
          setParams({}, true);
        } catch (e) {
          put(out, errorBox(e), (e.body.problems || []).map((p) => h('div', { class: 'field-error' }, `${p.origin} line ${p.line}: ${p.field}: ${p.message}`)));
        }
      } }, 'Import'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  return dialog;
}

export async function render(main) {
  const p = params();
  const dialog = importDialog();
  main.append(h('div', { class: 'row spread' }, h('h1', {}, 'Rules'),
    h('div', { class: 'row' },
      h('a', { class: 'button primary', href: '/ui/rules/edit?new=1' }, '+ New rule'),
      h('button', { type: 'button', onclick: () => dialog.showModal() }, 'Import YAML'),
      h('a', { class: 'button', href: '/api/v1/rules/export', download: 'vigil-rules.yml' }, 'Export YAML'))),
  filterBar(p), dialog);
  const body = h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading…'));
  main.append(body);
  try {
    const r = await get(`/api/v1/rules${qs({ q: p.get('q'), severity: p.get('severity'), source: p.get('source'), tag: p.get('tag'), enabled: p.get('enabled') })}`);
    put(body, h('p', { class: 'muted', id: 'rule-count' }, `${r.total} rules`), h('table', { id: 'rules' },
      h('thead', {}, h('tr', {}, ['Enabled', 'Rule', 'Severity', 'Type', 'Data sources', 'Tags', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, r.rules.map((rule) => h('tr', { dataset: { rule: rule.id } },
        h('td', {}, toggle(rule)),
        h('td', {}, h('a', { href: `/ui/rules/edit${qs({ id: rule.id })}` }, rule.title), h('div', { class: 'muted mono' }, rule.id)),
        h('td', {}, severityBadge(rule.severity)),
        h('td', {}, rule.type),
        h('td', { class: 'mono' }, (rule.data_sources || []).join(', ')),
        h('td', {}, (rule.tags || []).map((t) => h('span', { class: 'badge', style: 'margin:1px' }, t))),
        h('td', {}, rule.builtin ? h('span', { class: 'badge' }, rule.tuned ? 'built-in, tuned' : 'built-in') : h('span', { class: 'badge' }, 'custom')))))));
  } catch (e) {
    put(body, errorBox(e));
  }
}
