/**
 * The web UI: sign-in and sessions, dashboards as data, and the static files of the browser app
 * (plain ES modules and CSS under {@code src/main/resources/web/}, no build step).
 *
 * <p>In: browser requests. Out: the page shell, modules, styles, and JSON for sessions, dashboards
 * and panel data. Promises: only the static files and sign-in are reachable without a session; a
 * session is accepted on every {@code /api/v1} route like an API token, and a state-changing
 * request made with the session cookie needs the session's CSRF token; passwords are stored only
 * as BCrypt hashes; built-in dashboards are read-only and validated at start.
 */
package io.vigil.web;
