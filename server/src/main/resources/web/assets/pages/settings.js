// Settings: threat feeds, notification channels, custom parsers, tokens, and log shipping configs.
import { h, put, toast, errorBox, notAvailable, fmtTime, ago } from '../dom.js';
import { api, getOptional, post, qs } from '../api.js';
import { params } from '../router.js';
import { shippingConfigs } from '../shipping.js';

const TABS = [['feeds', 'Threat feeds'], ['channels', 'Notification channels'], ['parsers', 'Parsers'], ['tokens', 'Tokens'], ['shipping', 'Log shipping']];

function feedState(f) {
  const hl = f.health || {};
  if (!f.enabled) return ['muted', 'disabled'];
  if (hl.failing) return ['bad', 'failing'];
  if (hl.stale) return ['bad', 'stale'];
  if (!hl.last_success) return ['muted', f.url ? 'not fetched yet' : 'no upload yet'];
  return ['ok', 'healthy'];
}

// A private feed: by URL (fetched on its schedule) or by pasting its contents (an upload).
function addFeedForm(box) {
  const field = (id, attrs) => h('input', { id, ...attrs });
  const name = field('feed-name', { placeholder: 'name, e.g. soc-blocklist', required: true, pattern: '[a-z0-9][a-z0-9_\\-]{0,63}', 'aria-label': 'Feed name' });
  const url = field('feed-url', { type: 'url', placeholder: 'https://… (or paste the list below)', 'aria-label': 'Feed URL' });
  const format = h('select', { id: 'feed-format', 'aria-label': 'Format' }, ['plain', 'netset', 'alienvault', 'csv', 'stix2', 'taxii2'].map((f) => h('option', { value: f }, f)));
  const context = field('feed-context', { placeholder: 'context, e.g. Malicious Host', required: true, 'aria-label': 'Context' });
  const severity = h('select', { id: 'feed-severity', 'aria-label': 'Severity' }, ['low', 'medium', 'high', 'critical'].map((v) => h('option', { value: v, selected: v === 'medium' }, v)));
  const body = h('textarea', { id: 'feed-body', rows: 3, placeholder: 'Addresses or networks, one per line (when there is no URL)' });
  const out = h('div', { id: 'feed-result' });
  const submit = async (ev) => {
    ev.preventDefault();
    try {
      await post('/api/v1/feeds', { name: name.value, url: url.value || null, format: format.value, enabled: true, context: context.value, severity: severity.value });
      const r = body.value.trim() ? await api('POST', `/api/v1/feeds/${encodeURIComponent(name.value)}/upload`, body.value, { type: 'text/plain' })
        : url.value ? await post(`/api/v1/feeds/${encodeURIComponent(name.value)}/refresh`).catch((e) => ({ error: e.message })) : null;
      toast(r && r.error ? `Feed ${name.value} added; first fetch failed: ${r.error}` : `Feed ${name.value} added${r ? `: ${r.entries} entries` : ''}`);
      feeds(box);
    } catch (e) { put(out, errorBox(e)); }
  };
  return h('details', { class: 'card', id: 'add-feed' }, h('summary', {}, 'Add a feed'),
    h('form', { onsubmit: submit }, h('div', { class: 'row' }, name, url, format, context, severity), body,
      h('button', { type: 'submit', class: 'primary' }, 'Add feed'), out));
}

async function feeds(box) {
  const r = await getOptional('/api/v1/feeds');
  if (r === null) { put(box, notAvailable('Threat intelligence (feeds)')); return; }
  const list = r.feeds || [];
  put(box, addFeedForm(box), h('table', { id: 'feeds' }, h('thead', {}, h('tr', {}, ['feed', 'context', 'severity', 'health', 'entries', 'last success', 'last error', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((f) => {
      const hl = f.health || {};
      const [cls, state] = feedState(f);
      return h('tr', { dataset: { feed: f.name } }, h('td', { title: f.description || f.url || '' }, f.name), h('td', {}, f.context || ''), h('td', {}, f.severity || ''),
        h('td', { class: cls }, state), h('td', { class: 'num' }, hl.entries ?? '–'),
        h('td', { title: fmtTime(hl.last_success) }, hl.last_success ? ago(hl.last_success) : '–'),
        h('td', { title: hl.last_error_at ? fmtTime(hl.last_error_at) : '' }, hl.last_error || ''),
        h('td', {}, f.url && f.enabled ? h('button', { type: 'button', class: 'small', onclick: async () => {
          try { const d = await post(`/api/v1/feeds/${encodeURIComponent(f.name)}/refresh`); toast(`${f.name}: ${d.entries} entries (+${d.added} −${d.removed})`); } catch (e) { toast(`${f.name}: ${e.message}`); }
          feeds(box);
        } }, 'Refresh') : null));
    }))));
}

async function channels(box) {
  const r = await getOptional('/api/v1/channels');
  if (r === null) { put(box, notAvailable('Notification channels')); return; }
  const list = r.channels || [];
  put(box, list.length ? h('table', { id: 'channels' }, h('thead', {}, h('tr', {}, ['channel', 'type', 'destination', '', 'result'].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((c) => {
      const result = h('td', {});
      return h('tr', {}, h('td', {}, c.name), h('td', {}, c.type), h('td', { class: 'mono' }, (c.to || []).join(', ') || c.url || ''),
        h('td', {}, h('button', { type: 'button', class: 'small', onclick: async () => {
          put(result, 'sending…');
          try {
            const t = await post(`/api/v1/channels/${encodeURIComponent(c.name)}/test`);
            put(result, h('span', { class: t.delivered ? 'ok' : 'bad' }, t.delivered ? 'delivered' : `failed: ${t.error}`));
          } catch (e) { put(result, h('span', { class: 'bad' }, e.message)); }
        } }, 'Send test')), result);
    }))) : h('p', { class: 'muted' }, 'No channels yet. Create one with POST /api/v1/channels (see docs/api.md).'));
}

async function parsers(box) {
  const r = await getOptional('/api/v1/parsers');
  if (r === null) { put(box, notAvailable('Parsers')); return; }
  const type = h('select', { id: 'parser-type', 'aria-label': 'Parser' }, [...r.built_in, ...r.custom.map((c) => c.name)].map((n) => h('option', { value: n }, n)));
  const lines = h('textarea', { id: 'parser-lines', rows: 5, placeholder: 'Paste sample log lines, one per line' });
  const out = h('div', { id: 'parser-result' });
  const tryIt = async () => {
    try {
      const t = await post('/api/v1/parsers/test', { type: type.value, lines: lines.value.split('\n').filter((l) => l.trim()) });
      put(out, t.results.map((x) => h('div', { class: 'card', style: 'margin-top:6px' }, h('strong', { class: x.parsed ? 'ok' : 'bad' }, `line ${x.line}: ${x.parsed ? 'parsed' : 'not parsed'}`),
        x.parsed ? h('pre', {}, JSON.stringify(x.fields, null, 2)) : h('div', {}, x.reason))));
    } catch (e) { put(out, errorBox(e)); }
  };
  put(box, h('p', {}, 'Built in: ', h('span', { class: 'mono' }, r.built_in.join(', '))),
    r.custom.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'custom parser'), h('th', {}, 'patterns'))),
      h('tbody', {}, r.custom.map((c) => h('tr', {}, h('td', {}, c.name), h('td', { class: 'mono' }, (c.patterns || [c.pattern]).join(' | ')))))) : h('p', { class: 'muted' }, 'No custom parsers yet (POST /api/v1/parsers with a grok pattern).'),
    h('h3', {}, 'Try it'), h('div', { class: 'row' }, h('label', { for: 'parser-type' }, 'Parser'), type), lines,
    h('button', { type: 'button', class: 'primary', onclick: tryIt }, 'Parse'), out);
}

async function tokens(box) {
  const r = await getOptional('/api/v1/tokens');
  const about = h('p', {}, 'An ', h('strong', {}, 'ingest token'), ' (vgi_…) may only send events: give one to each shipper. An ',
    h('strong', {}, 'API token'), ' (vga_…) may do everything. Both go in ', h('code', {}, 'Authorization: Bearer <token>'),
    ' (or as the password of basic authentication). Only a hash of each token is kept: a token is shown once, when it is made.');
  if (r === null) { put(box, about, notAvailable('Managing tokens from the UI')); return; }
  const name = h('input', { id: 'token-name', placeholder: 'what it is for, e.g. filebeat-web-1', maxlength: 64, 'aria-label': 'Token name' });
  const kind = h('select', { id: 'token-kind', 'aria-label': 'Token kind' }, h('option', { value: 'ingest' }, 'ingest'), h('option', { value: 'api' }, 'API'));
  const made = h('div', { id: 'token-made' });
  const create = async (ev) => {
    ev.preventDefault();
    try {
      const t = await post('/api/v1/tokens', { name: name.value, kind: kind.value });
      name.value = '';
      await tokens(box);
      const secret = h('pre', { id: 'token-secret', tabindex: '0' }, t.token);
      put(box.querySelector('#token-made'), h('div', { class: 'card' }, h('p', {}, h('strong', {}, `Token ${t.name}`), ' — copy it now, it is not shown again:'), secret,
        h('button', { type: 'button', class: 'small', onclick: async () => {
          try { await navigator.clipboard.writeText(t.token); toast('Copied'); } catch (e) { toast('Select the text and copy it'); }
        } }, 'Copy')));
    } catch (e) { put(made, errorBox(e)); }
  };
  const rows = (r.tokens || []).map((t) => h('tr', { dataset: { token: t.id } }, h('td', {}, t.name), h('td', {}, t.kind), h('td', { class: 'mono' }, t.id),
    h('td', { title: fmtTime(t.created) }, ago(t.created)),
    h('td', {}, t.from_environment ? h('span', { class: 'muted', title: 'Unset the variable and restart to revoke it' }, 'from the environment')
      : h('button', { type: 'button', class: 'small', onclick: async () => {
        if (!confirm(`Revoke ${t.name}? Whatever uses it stops working at once.`)) return;
        try { await api('DELETE', `/api/v1/tokens/${encodeURIComponent(t.id)}`); toast(`Revoked ${t.name}`); tokens(box); } catch (e) { toast(e.message); }
      } }, 'Revoke'))));
  put(box, about, h('form', { class: 'row', onsubmit: create }, name, kind, h('button', { type: 'submit', class: 'primary' }, 'Create token')), made,
    h('table', { id: 'tokens' }, h('thead', {}, h('tr', {}, ['name', 'kind', 'id', 'created', ''].map((x) => h('th', {}, x)))), h('tbody', {}, rows)));
}

function shipping(box) {
  const server = location.origin;
  put(box, h('p', {}, 'Copy a configuration, put your ingest token in place of ', h('code', {}, '$VIGIL_INGEST_TOKEN'), ', and logs arrive within a second. Addresses are filled in with this server: ', h('code', {}, server), '.'),
    shippingConfigs(server).map((c) => {
      const pre = h('pre', { tabindex: '0' }, c.text);
      return h('section', { class: 'card', style: 'margin-bottom:12px', dataset: { shipper: c.id } },
        h('div', { class: 'row spread' }, h('h2', {}, c.title), h('button', { type: 'button', class: 'small', onclick: async () => {
          try { await navigator.clipboard.writeText(c.text); toast('Copied'); } catch (e) { toast('Select the text and copy it (clipboard not allowed here)'); }
        } }, 'Copy')),
        c.note ? h('p', { class: 'hint' }, c.note) : null, pre);
    }));
}

export async function render(main) {
  const tab = params().get('tab') || 'feeds';
  main.append(h('h1', {}, 'Settings'), h('nav', { class: 'tabs', 'aria-label': 'Settings sections' },
    TABS.map(([id, label]) => h('a', { href: `/ui/settings${qs({ tab: id })}`, 'aria-current': id === tab ? 'page' : null }, label))));
  const box = h('div', { class: 'card', id: `settings-${tab}` }, h('p', { class: 'muted' }, 'Loading…'));
  main.append(box);
  const load = { feeds, channels, parsers, tokens, shipping }[tab] || feeds;
  try { await load(box); } catch (e) { put(box, errorBox(e)); }
}
