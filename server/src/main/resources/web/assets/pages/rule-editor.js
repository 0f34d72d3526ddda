// The rule editor: thresholds, window, group-by, levels, throttle, actions; server validation
// messages next to their fields; preview over stored events; a tuned built-in shows its changes.
import { h, add, put, toast, errorBox, fmtNum } from '../dom.js';
import { get, post, api, qs } from '../api.js';
import { params, go } from '../router.js';
import { timeSeries } from '../charts.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const TYPES = ['match', 'threshold', 'cardinality', 'sequence', 'new_terms'];
const ACTION_KINDS = ['channel', 'email', 'webhook', 'slack'];
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

function newRule(p) {
  const source = p.get('source') || '';
  return {
    id: '', title: '', description: '', severity: 'medium', tags: [], data_sources: source ? [source] : [],
    query: p.get('q') || '', type: 'threshold', group_by: ['source.ip'],
    threshold: { levels: [{ count: '> 10', severity: 'medium' }] }, window: '5m', throttle: '1h', actions: [], enabled: true,
  };
}

function levelsOf(rule) {
  const block = rule[rule.type] || {};
  if (block.levels) return block.levels.map((l) => ({ count: l.count, severity: l.severity || '' }));
  if (block.count) return [{ count: block.count, severity: '' }];
  return [{ count: '> 10', severity: '' }];
}

/** Inputs bound to one rule; read() builds the rule to send, keeping keys the form does not edit. */
function form(rule, isNew) {
  const f = {};
  const input = (name, value, attrs = {}) => (f[name] = h('input', { id: `r-${name}`, name, value: value ?? '', ...attrs }));
  const select = (name, options, value) => (f[name] = h('select', { id: `r-${name}`, name }, options.map((o) => h('option', { value: o, selected: o === value }, o || '(rule severity)'))));
  input('id', rule.id, { readonly: !isNew, pattern: '[a-z0-9][a-z0-9._-]*', placeholder: 'my-rule-id' });
  input('title', rule.title, { style: 'width:100%' });
  f.description = h('textarea', { id: 'r-description', rows: 2 }, rule.description || '');
  select('severity', SEVERITIES, rule.severity);
  select('type', TYPES, rule.type);
  f.query = h('textarea', { id: 'r-query', rows: 3, spellcheck: 'false' }, rule.query || '');
  input('data_sources', (rule.data_sources || []).join(', '), { style: 'width:100%' });
  input('tags', (rule.tags || []).join(', '), { style: 'width:100%' });
  input('group_by', (rule.group_by || []).join(', '));
  input('window', rule.window || '', { size: 6, placeholder: '5m' });
  input('throttle', rule.throttle || '', { size: 6, placeholder: '1h' });
  input('cardinality_field', (rule.cardinality || {}).field || '');
  f.enabled = h('input', { type: 'checkbox', id: 'r-enabled', checked: rule.enabled !== false });
  f.extra = h('textarea', { id: 'r-extra', rows: 6 }, JSON.stringify(rule.type === 'sequence' ? rule.sequence || { maxspan: '10m', steps: [] } : rule.new_terms || { fields: ['source.ip'], history: '14d' }, null, 2));
  f.levels = h('tbody', {});
  levelsOf(rule).forEach((l) => f.levels.append(levelRow(l)));
  f.actions = h('tbody', {});
  (rule.actions || []).forEach((a) => { const [k, v] = Object.entries(a)[0]; f.actions.append(actionRow(k, v)); });
  f.read = () => read(rule, f);
  return f;
}

function levelRow(l) {
  const count = h('input', { value: l.count, size: 8, 'aria-label': 'Count condition', placeholder: '> 10' });
  const sev = h('select', { 'aria-label': 'Severity of this level' }, ['', ...SEVERITIES].map((s) => h('option', { value: s, selected: s === l.severity }, s || '(rule severity)')));
  const tr = h('tr', {}, h('td', {}, count), h('td', {}, sev), h('td', {}, h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Remove level', onclick: () => tr.remove() }, '×')));
  tr.value = () => (sev.value ? { count: count.value.trim(), severity: sev.value } : { count: count.value.trim() });
  return tr;
}

function actionRow(kind, targets) {
  const k = h('select', { 'aria-label': 'Action kind' }, ACTION_KINDS.map((x) => h('option', { value: x, selected: x === kind }, x)));
  const t = h('input', { value: (targets || []).join(', '), size: 36, 'aria-label': 'Targets', placeholder: 'default' });
  const tr = h('tr', {}, h('td', {}, k), h('td', {}, t), h('td', {}, h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Remove action', onclick: () => tr.remove() }, '×')));
  tr.value = () => ({ [k.value]: list(t.value) });
  return tr;
}

function read(original, f) {
  const r = { ...original };
  ['builtin', 'tuned', 'changes', 'threshold', 'cardinality', 'sequence', 'new_terms'].forEach((k) => delete r[k]);
  Object.assign(r, {
    id: f.id.value.trim(), title: f.title.value.trim(), description: f.description.value.trim(), severity: f.severity.value,
    type: f.type.value, query: f.query.value.trim(), data_sources: list(f.data_sources.value), tags: list(f.tags.value),
    enabled: f.enabled.checked, actions: [...f.actions.children].map((tr) => tr.value()),
  });
  const groupBy = list(f.group_by.value);
  if (groupBy.length) r.group_by = groupBy; else delete r.group_by;
  ['window', 'throttle'].forEach((k) => { if (f[k].value.trim()) r[k] = f[k].value.trim(); else delete r[k]; });
  const levels = [...f.levels.children].map((tr) => tr.value());
  const levelBlock = levels.length === 1 && !levels[0].severity ? { count: levels[0].count } : { levels };
  if (r.type === 'threshold') r.threshold = levelBlock;
  if (r.type === 'cardinality') r.cardinality = { field: f.cardinality_field.value.trim(), ...levelBlock };
  if (r.type === 'sequence' || r.type === 'new_terms') {
    try { r[r.type] = JSON.parse(f.extra.value); } catch (e) { throw new Error(`${r.type}: not valid JSON (${e.message})`); }
  }
  return r;
}

function showProblems(box, f, err) {
  document.querySelectorAll('.field-error[data-for]').forEach((el) => el.remove());
  const problems = (err.body && err.body.problems) || [];
  const unplaced = [];
  problems.forEach((p) => {
    const key = String(p.field || '').split(/[.[]/)[0];
    const target = { threshold: 'levels', cardinality: 'levels', sequence: 'extra', new_terms: 'extra', actions: 'actions' }[key] || key;
    const el = f[target];
    const msg = h('div', { class: 'field-error', dataset: { for: key } }, `${p.field}: ${p.message}`);
    if (el && el.closest) (el.closest('td, div.fieldbox') || el.parentElement).append(msg);
    else unplaced.push(msg);
  });
  put(box, errorBox(err), unplaced);
}

function field(label, el, hint) {
  return h('div', { class: 'fieldbox' }, h('label', { for: el.id }, label, hint ? h('span', { class: 'hint' }, ` ${hint}`) : null), el);
}

function layout(f, isNew) {
  const typeSpecific = h('div', {});
  const redraw = () => {
    const t = f.type.value;
    put(typeSpecific,
      (t === 'threshold' || t === 'cardinality') && h('div', {},
        t === 'cardinality' && field('Distinct values of', f.cardinality_field, 'field whose distinct values are counted'),
        h('label', {}, 'Levels', h('span', { class: 'hint' }, ' count condition (> 5, >= 10) and the severity it raises')),
        h('table', { class: 'levels' }, f.levels),
        h('button', { type: 'button', class: 'small', onclick: () => f.levels.append(levelRow({ count: '', severity: '' })) }, '+ level')),
      (t === 'sequence' || t === 'new_terms') && field(t === 'sequence' ? 'Sequence (JSON)' : 'New terms (JSON)', f.extra,
        t === 'sequence' ? '{"maxspan": "10m", "steps": [{"query": "...", "count": ">= 5"}]}' : '{"fields": ["source.ip"], "history": "14d"}'));
  };
  f.type.addEventListener('change', redraw);
  redraw();
  return h('div', { class: 'card' },
    h('div', { class: 'split' },
      h('div', {}, field('Id', f.id, isNew ? 'lowercase, digits, - _ .' : ''), field('Title', f.title), field('Description', f.description)),
      h('div', {}, h('div', { class: 'row' }, field('Severity', f.severity), field('Type', f.type),
        h('div', { class: 'fieldbox' }, h('label', { class: 'switch', for: 'r-enabled' }, f.enabled, 'Enabled'))),
      field('Data sources', f.data_sources, 'comma-separated event.dataset values'), field('Tags', f.tags, 'e.g. attack.t1110, pci_dss.10.2.4'))),
    field('Query', f.query, 'Lucene syntax, as in Discover'),
    h('div', { class: 'row' }, field('Group by', f.group_by, 'up to three fields'), field('Window', f.window), field('Throttle', f.throttle, 'repeats within this update one security event')),
    typeSpecific,
    h('label', {}, 'Actions', h('span', { class: 'hint' }, ' notifications when it fires: channel names, email addresses, webhook or Slack URLs')),
    h('table', { class: 'levels' }, f.actions),
    h('button', { type: 'button', class: 'small', onclick: () => f.actions.append(actionRow('channel', ['default'])) }, '+ action'));
}

async function preview(box, f) {
  put(box, h('p', { class: 'muted' }, 'Evaluating over the last 24 hours…'));
  try {
    // A rule being written may have no id or title yet; the preview does not need them.
    const rule = f.read();
    rule.id = rule.id || 'preview';
    rule.title = rule.title || 'preview';
    const r = await post('/api/v1/rules/preview', { rule, from: 'now-24h', to: 'now' });
    const chart = h('div', { class: 'chart short' });
    put(box, h('p', { id: 'preview-result' }, 'Would have fired ', h('strong', { id: 'preview-count' }, fmtNum(r.signals)), ` time${r.signals === 1 ? '' : 's'}`,
      ` for ${fmtNum(r.groups)} group${r.groups === 1 ? '' : 's'} in the last 24 hours (${fmtNum(r.events_read)} events read${r.truncated ? ', truncated' : ''}).`), chart);
    const points = Object.entries(r.per_hour).map(([t, n]) => [new Date(t).getTime(), n]);
    if (points.length) await timeSeries(chart, [{ name: 'firings', points }], { type: 'bar' }); else chart.remove();
  } catch (e) {
    showProblems(box, f, e);
  }
}

function changesCard(rule, id) {
  if (!rule.tuned) return null;
  const rows = Object.entries(rule.changes || {}).map(([k, d]) => h('tr', {}, h('td', { class: 'mono' }, k),
    h('td', { class: 'mono' }, JSON.stringify(d.built_in)), h('td', { class: 'mono' }, JSON.stringify(d.now))));
  return h('div', { class: 'card', id: 'tuned', style: 'margin-bottom:12px' },
    h('div', { class: 'row spread' }, h('h2', {}, 'Tuned: changed from the built-in rule'),
      h('button', { type: 'button', class: 'danger', id: 'reset', onclick: async () => {
        await post(`/api/v1/rules/${encodeURIComponent(id)}/reset`);
        toast('Reset to the built-in rule');
        go(location.pathname + location.search, true);
      } }, 'Reset to built-in')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'setting'), h('th', {}, 'built-in'), h('th', {}, 'now'))), h('tbody', {}, rows)));
}

export async function render(main) {
  const p = params();
  const id = p.get('id');
  const isNew = !id;
  let rule;
  try {
    rule = isNew ? newRule(p) : await get(`/api/v1/rules/${encodeURIComponent(id)}`);
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  const f = form(rule, isNew);
  const problems = h('div', { id: 'problems' });
  const previewBox = h('div', { class: 'card', id: 'preview' }, h('h2', {}, 'Preview'), h('p', { class: 'muted' }, 'Shows how often this rule would have fired on the stored events.'));
  const previewBody = h('div', {});
  previewBox.append(previewBody);
  const save = async () => {
    let body;
    try { body = f.read(); } catch (e) { put(problems, errorBox(e)); return; }
    try {
      const saved = isNew ? await post('/api/v1/rules', body) : await api('PUT', `/api/v1/rules/${encodeURIComponent(id)}`, body);
      toast(`Saved ${saved.id}`);
      go(`/ui/rules/edit${qs({ id: saved.id })}`, true);
    } catch (e) {
      showProblems(problems, f, e);
    }
  };
  add(main,
    h('div', { class: 'row spread' }, h('h1', {}, isNew ? 'New rule' : rule.title),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'preview-button', onclick: () => preview(previewBody, f) }, 'Preview'),
        h('button', { type: 'button', class: 'primary', id: 'save', onclick: save }, isNew ? 'Create rule' : 'Save'),
        !isNew && h('a', { class: 'button', href: `/api/v1/rules/${encodeURIComponent(id)}?format=yaml`, download: `${id}.yml` }, 'YAML'),
        !isNew && !rule.builtin && h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(`Delete rule ${id}?`)) return;
          await api('DELETE', `/api/v1/rules/${encodeURIComponent(id)}`);
          go('/ui/rules');
        } }, 'Delete'),
        !isNew && h('a', { class: 'button', href: `/ui/events${qs({ rule: id })}` }, 'Security events'))),
    changesCard(rule, id), problems, h('div', { class: 'editor' }, layout(f, isNew), h('aside', {}, previewBox)));
  main.addEventListener('keydown', (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(); } });
  if (isNew && p.get('q')) preview(previewBody, f);
}
