// Threats: log events that matched a threat-intelligence feed, per feed over time, where they come
// from, how severe, and which addresses; every value leads to the logs. The count and the table of
// addresses come from GET /api/v1/threats/summary (one call), the charts from dashboard panels.
import { h, put, fmtNum, fmtTime, clause, errorBox, severityBadge, notAvailable } from '../dom.js';
import { get, getOptional, post, qs } from '../api.js';
import { go } from '../router.js';
import { currentRange, timePicker } from '../time.js';
import { panelCard } from '../panel.js';

const THREAT = '_exists_:security.ioc.malicious_ip';

const PANELS = [
  { title: 'Threats per feed over time', index: 'logs', query: THREAT,
    aggregation: { type: 'date_histogram', field: '@timestamp', split: 'security.origin_feeds' }, chart: 'line', width: 2 },
  { title: 'Severity', index: 'logs', query: THREAT, aggregation: { type: 'terms', field: 'security.severity', size: 5 }, chart: 'pie', width: 1 },
  { title: 'Source countries', index: 'logs', query: THREAT, aggregation: { type: 'terms', field: 'source.geo.country_iso_code', size: 250 }, chart: 'map', width: 2 },
  { title: 'Top feeds', index: 'logs', query: THREAT, aggregation: { type: 'terms', field: 'security.origin_feeds', size: 10 }, chart: 'bar', width: 1 },
];

const list = (v) => (v && v.length ? v.join(', ') : '–');

/** The 25 most frequent listed addresses of the summary; each address opens its events in Discover. */
function threatTable(summary, range) {
  if (summary.top_ips.length === 0) return h('p', { class: 'muted' }, 'No matching events in this time range.');
  const discover = (ip) => `/ui/discover${qs({ q: clause('security.ioc.malicious_ip', ip), from: range.from, to: range.to })}`;
  return h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'address'), h('th', {}, 'context'), h('th', {}, 'feeds'), h('th', {}, 'severity'),
      h('th', {}, 'country'), h('th', {}, 'first seen'), h('th', {}, 'last seen'), h('th', { class: 'num' }, 'count'))),
    h('tbody', {}, summary.top_ips.map((t) => h('tr', {},
      h('td', { class: 'mono' }, h('a', { href: discover(t.ip) }, t.ip)),
      h('td', {}, list(t.context)),
      h('td', {}, list(t.feeds)),
      h('td', {}, severityBadge(t.severity)),
      h('td', {}, t.country || '–'),
      h('td', { class: 'nowrap' }, fmtTime(t.first_seen)),
      h('td', { class: 'nowrap' }, fmtTime(t.last_seen)),
      h('td', { class: 'num' }, fmtNum(t.count))))));
}

async function feedStatus(box) {
  try {
    const feeds = await getOptional('/api/v1/feeds');
    if (feeds === null) { put(box, notAvailable('Threat intelligence (feeds)')); return; }
    const list = feeds.feeds || [];
    put(box, h('p', { class: 'muted' }, `${list.length} feed${list.length === 1 ? '' : 's'}: `,
      list.map((f, i) => {
        const hl = f.health || {};
        const bad = f.enabled !== false && (hl.failing || hl.stale);
        return [i ? ', ' : '', h('span', { class: bad ? 'bad' : f.enabled === false ? 'muted' : '', title: bad ? (hl.last_error || 'stale') : '' }, f.name)];
      }),
      ' · ', h('a', { href: '/ui/settings?tab=feeds' }, 'manage feeds')));
  } catch (e) {
    put(box, h('p', { class: 'muted' }, `Feeds: ${e.message}`));
  }
}

export async function render(main) {
  const range = currentRange();
  const status = h('div', {});
  const count = h('strong', { id: 'threat-count' }, '…');
  const episodes = h('strong', {}, '…');
  main.append(h('div', { class: 'row spread' }, h('h1', {}, 'Threats'), timePicker()), status,
    h('p', {}, count, ' log events from addresses on a threat feed · ', episodes, ' ',
      h('a', { href: `/ui/events${qs({ rule: 'threat-intel-ip-match', from: range.from, to: range.to })}` }, 'threat security events'),
      ' · ', h('a', { href: `/ui/discover${qs({ q: THREAT, from: range.from, to: range.to })}` }, 'all in Discover')));
  feedStatus(status);
  const table = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  get(`/api/v1/threats/summary${qs({ from: range.from, to: range.to })}`)
    .then((summary) => { put(count, fmtNum(summary.total)); put(table, threatTable(summary, range)); })
    .catch((e) => { put(count, '–'); put(table, errorBox(e)); });
  post('/api/v1/panels/query', { panel: { title: 'n', index: 'security_events', query: 'rule.id:"threat-intel-ip-match"', aggregation: { type: 'count' }, chart: 'number' }, from: range.from, to: range.to })
    .then((d) => put(episodes, fmtNum(d.value))).catch(() => put(episodes, '–'));
  main.append(h('div', { class: 'grid', id: 'threat-panels' }, PANELS.map((p) => panelCard(p, range, go)),
    h('section', { class: 'card w3', 'aria-label': 'Threats', dataset: { chart: 'table' } }, h('h2', {}, 'Threats'), table)));
}
