// Boot: theme, session, navigation, keyboard shortcuts, then the router renders the page.
import { h, toast } from './dom.js';
import { api, get, setCsrf } from './api.js';
import { route, start, go } from './router.js';
import { disposeAll } from './charts.js';

const PAGES = [
  ['/ui', 'Summary', 's', () => import('./pages/summary.js')],
  ['/ui/discover', 'Discover', 'd', () => import('./pages/discover.js')],
  ['/ui/rules', 'Rules', 'r', () => import('./pages/rules.js')],
  ['/ui/events', 'Events', 'e', () => import('./pages/events.js')],
  ['/ui/threats', 'Threats', 't', () => import('./pages/threats.js')],
  ['/ui/dashboards', 'Dashboards', 'b', () => import('./pages/dashboards.js')],
  ['/ui/settings', 'Settings', 'x', () => import('./pages/settings.js')],
];

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
}

function initialTheme() {
  const saved = localStorage.getItem('vigil.theme');
  if (saved) return saved;
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem('vigil.theme', next);
  applyTheme(next);
  go(location.pathname + location.search, true); // charts read colours when drawn
}

function shortcuts() {
  let pendingG = false;
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      const q = document.querySelector('[data-search]');
      if (q) { e.preventDefault(); q.focus(); q.select(); }
    } else if (pendingG) {
      pendingG = false;
      const page = PAGES.find((p) => p[2] === e.key);
      if (page) go(page[0]);
    } else if (e.key === 'g') {
      pendingG = true;
      setTimeout(() => { pendingG = false; }, 1500);
    } else if (e.key === 'T') {
      toggleTheme();
    } else if (e.key === '?') {
      toast('Keys: / search · g then s d r e t b x to switch page · T theme · Esc close');
    }
  });
}

async function boot() {
  applyTheme(initialTheme());
  const main = document.getElementById('main');
  if (location.pathname === '/ui/signin') {
    const mod = await import('./pages/signin.js');
    main.replaceChildren();
    await mod.render(main);
    return;
  }
  const session = await get('/api/v1/session');
  setCsrf(session.csrf_token);
  const nav = document.getElementById('nav');
  // Every page disposes its charts when left, so that none keeps drawing into a detached node.
  const page = (loader) => async () => {
    const mod = await loader();
    return { render: mod.render, leave: () => { disposeAll(); if (mod.leave) mod.leave(); } };
  };
  PAGES.forEach(([path, name, key, loader]) => {
    nav.append(h('a', { href: path === '/ui' ? '/ui/' : path, title: `${name} (g ${key})` }, name));
    route(path, page(loader), path);
  });
  route('/ui/rules/edit', page(() => import('./pages/rule-editor.js')), '/ui/rules');
  route('/ui/dashboards/view', page(() => import('./pages/dashboard-view.js')), '/ui/dashboards');
  route('/ui/dashboards/edit', page(() => import('./pages/dashboard-editor.js')), '/ui/dashboards');
  document.getElementById('who').textContent = `${session.username} (${session.role})`;
  document.getElementById('theme').addEventListener('click', toggleTheme);
  document.getElementById('signout').addEventListener('click', async () => {
    await api('DELETE', '/api/v1/session');
    location.assign('/ui/signin');
  });
  document.getElementById('top').hidden = false;
  shortcuts();
  await start(main);
}

boot().catch((e) => {
  document.getElementById('main').replaceChildren(h('div', { class: 'error' }, `Could not start: ${e.message}`));
});
