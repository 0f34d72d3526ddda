// Sign-in: the only page shown without a session.
import { h } from '../dom.js';
import { post, ApiError } from '../api.js';

function nextPage() {
  const next = new URLSearchParams(location.search).get('next') || '/ui/';
  // Only pages of this UI: never send a person elsewhere after sign-in.
  return /^\/ui(\/|$)/.test(next) && !next.startsWith('//') ? next : '/ui/';
}

export async function render(main) {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', value: 'admin', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'signin' }, 'Sign in');
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to Vigil'),
    h('label', { for: 'username' }, 'Username'), user,
    h('label', { for: 'password' }, 'Password'), pass,
    message,
    h('div', { class: 'row', style: 'margin-top:12px' }, button),
    h('p', { class: 'hint' }, 'First start: the admin password was printed once and appended to DATA/credentials (VIGIL_ADMIN_PASSWORD).'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    message.replaceChildren();
    try {
      await post('/api/v1/session', { username: user.value, password: pass.value }, { allow401: true });
      location.assign(nextPage());
    } catch (err) {
      message.replaceChildren(h('div', { class: 'error' }, err instanceof ApiError ? err.message : String(err)));
      button.disabled = false;
      pass.select();
    }
  });
  main.append(form);
  pass.focus();
}
