// A tiny client-side router: the URL (path and query) is the whole page state, so links are shareable.

import { busy } from './busy.js';

const routes = [];
let current = null;
let mainEl = null;

/** Registers a page: pattern like '/ui/rules/edit', loader returning a module with render(main, ctx). */
export function route(path, loader, nav) {
  routes.push({ path, loader, nav });
}

export function start(main) {
  mainEl = main;
  window.addEventListener('popstate', () => render());
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/ui') || url.pathname === '/ui/signin') return;
    e.preventDefault();
    go(url.pathname + url.search);
  });
  return render();
}

/** Navigates; replace=true rewrites the current history entry (for filter changes). */
export function go(url, replace = false) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return render();
}

/** The current query parameters. */
export function params() {
  return new URLSearchParams(location.search);
}

/** Updates some query parameters and re-renders; empty values are removed. */
export function setParams(changes, replace = false) {
  const p = params();
  for (const [k, v] of Object.entries(changes)) {
    p.delete(k);
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return go(location.pathname + (s ? `?${s}` : ''), replace);
}

function render() {
  return busy(draw);
}

async function draw() {
  const path = location.pathname.replace(/\/+$/, '') || '/ui';
  const r = routes.find((x) => x.path === path) || routes.find((x) => x.path === '/ui');
  if (current && current.leave) current.leave();
  document.querySelectorAll('#nav a').forEach((a) => {
    const on = r.nav && a.getAttribute('href').replace(/\/+$/, '') === r.nav;
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const mod = await r.loader();
  current = mod;
  mainEl.replaceChildren();
  await mod.render(mainEl, { params: params() });
  document.dispatchEvent(new CustomEvent('vigil:rendered', { detail: path }));
}
