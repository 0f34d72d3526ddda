// Settings: threat feeds, notification channels, custom parsers, tokens, and log shipping configs.
import { h, put, toast, errorBox, notAvailable, fmtTime, ago } from '../dom.js';
import { getOptional, post, qs } from '../api.js';
import { params } from '../router.js';
import { shippingConfigs } from '../shipping.js';

const TABS = [['feeds', 'Threat feeds'], ['channels', 'Notification channels'], ['parsers', 'Parsers'], ['tokens', 'Tokens'], ['shipping', 'Log shipping']];

async function feeds(box) {
  const r = await getOptional('/api/v1/feeds');
  if (r === null) { put(box, notAvailable('Threat intelligence (feeds)')); return; }
  const list = r.feeds || [];
  put(box, h('table', { id: 'feeds' }, h('thead', {}, h('tr', {}, ['feed', 'health', 'entries', 'last refresh', 'error', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((f) => h('tr', {}, h('td', {}, f.name), h('td', { class: f.healthy === false ? 'bad' : 'ok' }, f.healthy === false ? 'failing' : 'healthy'),
      h('td', { class: 'num' }, f.entries ?? f.size ?? '–'), h('td', { title: fmtTime(f.last_refresh || f.updated) }, ago(f.last_refresh || f.updated)),
      h('td', {}, f.error || f.last_error || ''),
      h('td', {}, h('button', { type: 'button', class: 'small', onclick: async () => {
        try { await post(`/api/v1/feeds/${encodeURIComponent(f.name)}/refresh`); toast(`Refreshing ${f.name}`); feeds(box); } catch (e) { toast(e.message); }
      } }, 'Refresh')))))));
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
  const about = h('div', {},
    h('p', {}, 'Two kinds of token: an ', h('strong', {}, 'ingest token'), ' (vgi_…) may only send events; an ', h('strong', {}, 'API token'), ' (vga_…) may do everything. Both go in ', h('code', {}, 'Authorization: Bearer <token>'), '.'),
    h('p', {}, 'The tokens generated at first start are in ', h('code', {}, 'DATA/credentials'), ' (mode 0600), with the admin password; set ', h('code', {}, 'VIGIL_INGEST_TOKEN'), ' / ', h('code', {}, 'VIGIL_API_TOKEN'), ' to choose your own.'));
  if (r === null) { put(box, about, notAvailable('Managing tokens from the UI')); return; }
  put(box, about, h('table', {}, h('tbody', {}, (r.tokens || []).map((t) => h('tr', {}, h('td', {}, t.kind), h('td', {}, fmtTime(t.created)))))));
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
