// Time ranges: "now-24h" style expressions in the URL (the server's syntax), a picker, histogram steps.
import { h } from './dom.js';
import { params, setParams } from './router.js';

export const QUICK = [
  ['now-15m', 'Last 15 minutes'], ['now-1h', 'Last hour'], ['now-4h', 'Last 4 hours'],
  ['now-24h', 'Last 24 hours'], ['now-7d', 'Last 7 days'], ['now-30d', 'Last 30 days'],
];
const UNIT_MS = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
const STEPS_MS = [1e4, 3e4, 6e4, 3e5, 6e5, 18e5, 36e5, 108e5, 432e5, 864e5, 6048e5];

/** The range in the URL, defaulting to the last 24 hours. */
export function currentRange(defaultFrom = 'now-24h') {
  const p = params();
  return { from: p.get('from') || defaultFrom, to: p.get('to') || 'now' };
}

/** Epoch ms of an expression: now, now-15m, ISO-8601 or epoch ms. */
export function toMillis(expr, now = Date.now()) {
  if (!expr || expr === 'now') return now;
  const m = /^now-(\d+)([smhdw])$/.exec(expr);
  if (m) return now - Number(m[1]) * UNIT_MS[m[2]];
  if (/^\d+$/.test(expr)) return Number(expr);
  return new Date(expr).getTime();
}

/** A readable histogram step giving about 60 buckets, as the server's panels choose it. */
export function interval(range) {
  const wanted = (toMillis(range.to) - toMillis(range.from)) / 60;
  const ms = STEPS_MS.find((s) => s >= wanted) || STEPS_MS[STEPS_MS.length - 1];
  return ms % 864e5 === 0 ? `${ms / 864e5}d` : ms % 36e5 === 0 ? `${ms / 36e5}h` : ms % 6e4 === 0 ? `${ms / 6e4}m` : `${ms / 1e3}s`;
}

export function label(range) {
  const q = QUICK.find(([v]) => v === range.from);
  if (q && range.to === 'now') return q[1];
  const f = (x) => (x === 'now' ? 'now' : new Date(toMillis(x)).toLocaleString());
  return `${f(range.from)} → ${f(range.to)}`;
}

function localInput(ms) {
  const d = new Date(ms - new Date().getTimezoneOffset() * 6e4);
  return d.toISOString().slice(0, 16);
}

/** The picker: quick ranges and absolute from/to; writes from/to into the URL. */
export function timePicker(defaultFrom = 'now-24h') {
  const range = currentRange(defaultFrom);
  const from = h('input', { type: 'datetime-local', value: localInput(toMillis(range.from)), 'aria-label': 'From' });
  const to = h('input', { type: 'datetime-local', value: localInput(toMillis(range.to)), 'aria-label': 'To' });
  const menu = h('div', { class: 'menu', hidden: true, role: 'dialog', 'aria-label': 'Time range' },
    h('div', { class: 'quick' }, QUICK.map(([v, l]) => h('button', {
      type: 'button', class: 'small', onclick: () => setParams({ from: v, to: null }),
    }, l))),
    h('label', {}, 'From'), from, h('label', {}, 'To'), to,
    h('div', { class: 'row', style: 'margin-top:8px' }, h('button', {
      type: 'button', class: 'primary small',
      onclick: () => setParams({ from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() }),
    }, 'Apply')));
  const button = h('button', { type: 'button', 'aria-haspopup': 'dialog', id: 'timepicker', title: 'Time range' }, label(range), ' ▾');
  const toggle = (open) => {
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector('button').focus();
  };
  button.addEventListener('click', () => toggle(menu.hidden));
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { toggle(false); button.focus(); } });
  return h('div', { class: 'timepicker' }, button, menu);
}
