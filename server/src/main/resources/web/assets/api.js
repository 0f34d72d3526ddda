// The one way the UI talks to the server: JSON over fetch with the session cookie and the CSRF token.

import { busy } from './busy.js';

let csrf = null;

/** An answer that was not 2xx: status, the server's message and its JSON body. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body || {};
  }
}

export function setCsrf(token) {
  csrf = token;
}

/**
 * Calls the API. body: an object (sent as JSON) or a string (sent as is, with opts.type).
 * 401 sends the browser to sign-in, keeping the current page to come back to.
 */
export function api(method, path, body, opts = {}) {
  return busy(() => call(method, path, body, opts));
}

async function call(method, path, body, opts) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body !== undefined && body !== null) {
    if (typeof body === 'string') {
      payload = body;
      headers['Content-Type'] = opts.type || 'text/plain';
    } else {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (res.status === 401 && !opts.allow401) {
    const next = location.pathname + location.search;
    location.assign(`/ui/signin?next=${encodeURIComponent(next)}`);
    throw new ApiError(401, 'signed out', json);
  }
  if (!res.ok) {
    throw new ApiError(res.status, (json && json.error) || `${method} ${path}: HTTP ${res.status}`, json);
  }
  return json !== null ? json : text;
}

export const get = (path, opts) => api('GET', path, null, opts);
export const post = (path, body, opts) => api('POST', path, body, opts);

/** GET that answers null instead of failing when the route does not exist (yet). */
export async function getOptional(path) {
  try {
    return await get(path);
  } catch (e) {
    // A list route that is missing means the feature is not on this server (yet).
    if (e.status === 404) return null;
    throw e;
  }
}

/** A query string from an object, skipping empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else p.set(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
