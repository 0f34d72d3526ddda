// Summary: what happened, who attacked, which sources went quiet. Every number links to its details.
import { h, put, fmtNum, ago, fmtTime, errorBox } from '../dom.js';
import { post, qs } from '../api.js';
import { go } from '../router.js';
import { currentRange, timePicker } from '../time.js';
import { panelCard } from '../panel.js';

const SILENT_AFTER_MS = 60 * 60 * 1000;

const P = {
  overTime: { title: 'Security events over time by severity', index: 'security_events', query: '',
    aggregation: { type: 'date_histogram', field: '@timestamp', split: 'severity' }, chart: 'bar', width: 2 },
  rules: { title: 'Top rules fired', index: 'security_events', query: '',
    aggregation: { type: 'terms', field: 'rule.id', size: 8 }, chart: 'bar', width: 1 },
  attackers: { title: 'Top attacking IPs', index: 'security_events', query: '_exists_:group.source.ip',
    aggregation: { type: 'terms', field: 'group.source.ip', size: 10, details: ['rule.title', 'severity'] }, chart: 'table', width: 2 },
  feeds: { title: 'Threats by feed', index: 'logs', query: '_exists_:security.ioc.malicious_ip',
    aggregation: { type: 'terms', field: 'security.origin_feeds', size: 10 }, chart: 'pie', width: 1 },
};

async function stat(label, panel, range, href) {
  const value = h('div', { class: 'value' }, '…');
  post('/api/v1/panels/query', { panel, from: range.from, to: range.to })
    .then((d) => put(value, fmtNum(d.value))).catch(() => put(value, '–'));
  return h('a', { class: 'card stat', href, style: 'color:inherit' }, h('div', { class: 'muted' }, label), value);
}

function sources(range) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const panel = { title: 'Data sources', index: 'logs', query: '',
    aggregation: { type: 'terms', field: 'event.dataset', size: 50, details: ['event.module'] }, chart: 'table', width: 1 };
  post('/api/v1/panels/query', { panel, from: 'now-30d', to: 'now' }).then((d) => {
    if (d.buckets.length === 0) {
      put(body, h('p', { class: 'muted' }, 'No events yet. Settings → Log shipping shows how to send them.'));
      return;
    }
    put(body, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'source'), h('th', { class: 'num' }, 'events (30 d)'), h('th', {}, 'last event'))),
      h('tbody', {}, d.buckets.map((b) => {
        const silent = Date.now() - new Date(b.last_seen).getTime() > SILENT_AFTER_MS;
        return h('tr', { class: silent ? 'silent' : '' },
          h('td', {}, h('a', { href: `/ui/discover${qs({ q: `event.dataset:"${b.key}"`, from: range.from, to: range.to })}` }, b.key)),
          h('td', { class: 'num' }, fmtNum(b.count)),
          h('td', { class: silent ? 'stale' : '', title: fmtTime(b.last_seen) }, silent ? `silent, ${ago(b.last_seen)}` : ago(b.last_seen)));
      }))));
  }).catch((e) => put(body, errorBox(e)));
  return h('section', { class: 'card', 'aria-label': 'Data sources' }, h('h2', {}, 'Data sources'), body);
}

export async function render(main) {
  const range = currentRange();
  const r = `${qs({ from: range.from, to: range.to })}`;
  main.append(h('div', { class: 'row spread' }, h('h1', {}, 'Summary'), timePicker()));
  const stats = h('div', { class: 'stats' });
  main.append(stats);
  stats.append(...await Promise.all([
    stat('Log events', { title: 'x', index: 'logs', query: '', aggregation: { type: 'count' }, chart: 'number' }, range, `/ui/discover${r}`),
    stat('Security events', { title: 'x', index: 'security_events', query: '', aggregation: { type: 'count' }, chart: 'number' }, range, `/ui/events${r}`),
    stat('Open', { title: 'x', index: 'security_events', query: 'status:open', aggregation: { type: 'count' }, chart: 'number' }, range, `/ui/events${qs({ status: 'open', from: range.from, to: range.to })}`),
    stat('High or critical', { title: 'x', index: 'security_events', query: 'severity:(high OR critical)', aggregation: { type: 'count' }, chart: 'number' }, range, `/ui/events${qs({ severity: 'high,critical', from: range.from, to: range.to })}`),
    stat('Attacking IPs', { title: 'x', index: 'security_events', query: '', aggregation: { type: 'cardinality', field: 'group.source.ip' }, chart: 'number' }, range, `/ui/threats${r}`),
  ]));
  const rules = panelCard(P.rules, range, go);
  main.append(h('div', { class: 'grid' },
    panelCard(P.overTime, range, go), rules,
    panelCard(P.attackers, range, go), sources(range),
    panelCard(P.feeds, range, go)));
}
