// Security events: filters in the URL, detail with contributing logs, triage, notification delivery.
import { h, put, fmtNum, fmtTime, severityBadge, toast, errorBox, flatten, clause } from '../dom.js';
import { get, api, qs } from '../api.js';
import { params, setParams } from '../router.js';
import { currentRange, timePicker } from '../time.js';

const STATUSES = ['open', 'acknowledged', 'closed'];

function filterBar(p) {
  const sel = (name, label, options) => {
    const s = h('select', { id: `ef-${name}` }, [['', 'any'], ...options.map((o) => [o, o])].map(([v, l]) => h('option', { value: v, selected: (p.get(name) || '') === v }, l)));
    s.addEventListener('change', () => setParams({ [name]: s.value, id: null }));
    return h('div', {}, h('label', { for: `ef-${name}` }, label), s);
  };
  const rule = h('input', { id: 'ef-rule', value: p.get('rule') || '', placeholder: 'rule id', size: 22 });
  rule.addEventListener('change', () => setParams({ rule: rule.value, id: null }));
  const q = h('input', { id: 'ef-q', value: p.get('q') || '', placeholder: 'group.source.ip:"203.0.113.0/24"', size: 30, 'data-search': true });
  q.addEventListener('change', () => setParams({ q: q.value, id: null }));
  return h('div', { class: 'filters' }, sel('status', 'Status', STATUSES), sel('severity', 'Severity', ['low', 'medium', 'high', 'critical', 'high,critical']),
    h('div', {}, h('label', { for: 'ef-rule' }, 'Rule'), rule), h('div', {}, h('label', { for: 'ef-q' }, 'Query'), q), h('div', { class: 'grow' }), timePicker('now-7d'));
}

function groupText(g) {
  return Object.entries(g || {}).map(([k, v]) => `${k}=${v}`).join(' ');
}

function notifications(list) {
  if (!list || !list.length) return h('p', { class: 'muted' }, 'No notifications were sent for this event (the rule has no actions, or notification channels are not set up).');
  return h('table', { id: 'notifications' }, h('thead', {}, h('tr', {}, ['channel', 'type', 'status', 'attempts', 'updated', 'error'].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((n) => h('tr', {}, h('td', {}, n.channel || n.target || '–'), h('td', {}, n.type || '–'),
      h('td', { class: n.status === 'sent' ? 'ok' : n.status === 'failed' ? 'bad' : '' }, n.status || '–'),
      h('td', { class: 'num' }, n.attempts ?? '–'), h('td', { class: 'nowrap' }, fmtTime(n.updated || n.created)),
      h('td', {}, n.last_error || n.next_attempt ? `${n.last_error || ''}${n.next_attempt ? ` (retry ${fmtTime(n.next_attempt)})` : ''}` : '')))));
}

async function detail(box, id, refresh) {
  put(box, h('p', { class: 'muted' }, 'Loading…'));
  let e;
  try { e = await get(`/api/v1/events/${encodeURIComponent(id)}`); } catch (err) { put(box, errorBox(err)); return; }
  const status = h('select', { id: 'event-status', 'aria-label': 'Status' }, STATUSES.map((s) => h('option', { value: s, selected: s === e.status }, s)));
  const assignee = h('input', { id: 'event-assignee', value: e.assignee || '', placeholder: 'nobody', size: 14, 'aria-label': 'Assignee' });
  const comment = h('textarea', { id: 'event-comment', rows: 2, placeholder: 'Add a comment' });
  const save = async () => {
    const body = { status: status.value, assignee: assignee.value.trim() || null, author: document.getElementById('who').textContent.split(' ')[0] };
    if (comment.value.trim()) body.comment = comment.value.trim();
    try {
      await api('PATCH', `/api/v1/events/${encodeURIComponent(id)}`, body);
      toast('Security event updated');
      refresh();
    } catch (err) { toast(err.message); }
  };
  const logsQuery = `/ui/discover${qs({ q: Object.entries(e.group || {}).map(([k, v]) => clause(k, v)).join(' AND '), from: new Date(new Date(e.first_seen).getTime() - 36e5).toISOString(), to: new Date(new Date(e.last_seen).getTime() + 6e4).toISOString() })}`;
  put(box,
    h('div', { class: 'row spread' }, h('h2', {}, e.rule.title), severityBadge(e.severity)),
    h('p', { class: 'muted' }, h('a', { href: `/ui/rules/edit${qs({ id: e.rule.id })}` }, e.rule.id), ` · ${groupText(e.group)} · ${fmtNum(e.count)} events · ${fmtTime(e.first_seen)} → ${fmtTime(e.last_seen)}`),
    h('div', { class: 'row' }, h('label', { for: 'event-status' }, 'Status'), status, h('label', { for: 'event-assignee' }, 'Assignee'), assignee),
    comment,
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'event-save', onclick: save }, 'Save'), h('a', { class: 'button', href: logsQuery }, 'Logs in Discover')),
    h('h3', {}, 'Comments'),
    e.comments.length ? h('ul', {}, e.comments.map((c) => h('li', {}, h('strong', {}, c.author), ` ${fmtTime(c.time)}: `, c.text))) : h('p', { class: 'muted' }, 'None.'),
    h('h3', {}, 'Notifications'), notifications(e.notifications),
    h('h3', {}, `Contributing log events (${e.contributing_events.length} newest)`),
    h('table', { id: 'contributing' }, h('tbody', {}, e.contributing_events.slice(0, 50).map((l) => h('tr', {},
      h('td', { class: 'nowrap mono' }, fmtTime(l['@timestamp'])), h('td', { class: 'mono', style: 'word-break:break-all' }, l.message || JSON.stringify(flatten(l))))))));
}

export async function render(main) {
  const p = params();
  const range = currentRange('now-7d');
  main.append(h('h1', {}, 'Security events'), filterBar(p));
  const listBox = h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading…'));
  const detailBox = h('div', { class: 'card', id: 'event-detail' }, h('p', { class: 'muted' }, 'Select a security event to see its logs and triage it.'));
  main.append(h('div', { class: 'split wide-left' }, listBox, detailBox));
  const load = async () => {
    let r;
    try {
      r = await get(`/api/v1/events${qs({ status: p.get('status'), severity: p.get('severity'), rule: p.get('rule'), q: p.get('q'), from: range.from, to: range.to, size: 200 })}`);
    } catch (e) { put(listBox, errorBox(e)); return; }
    const selected = params().get('id');
    put(listBox, h('p', { class: 'muted', id: 'event-count' }, `${fmtNum(r.total)} security events`), h('table', { id: 'events' },
      h('thead', {}, h('tr', {}, ['Last seen', 'Severity', 'Rule', 'Group', 'Count', 'Status'].map((t) => h('th', {}, t)))),
      h('tbody', {}, r.events.map((e) => h('tr', { dataset: { id: e.id }, 'aria-selected': String(e.id === selected) },
        h('td', { class: 'nowrap' }, h('a', { href: `/ui/events${qs({ ...Object.fromEntries(params()), id: e.id })}` }, fmtTime(e.last_seen))),
        h('td', {}, severityBadge(e.severity)), h('td', { class: 'title', title: e.rule.title }, e.rule.title), h('td', { class: 'mono' }, groupText(e.group)),
        h('td', { class: 'num' }, fmtNum(e.count)), h('td', { class: 'status' }, e.status))))));
  };
  await load();
  const id = p.get('id');
  const refresh = () => { load(); detail(detailBox, id, refresh); };
  if (id) await detail(detailBox, id, refresh);
}
