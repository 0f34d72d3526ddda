/**
 * The HTTP API under {@code /api/v1}, plus {@code /health} and {@code /metrics}.
 *
 * <p>In: HTTP requests. Out: JSON. Promises: every route but {@code GET /health} requires a bearer
 * token of the right kind (401 missing or wrong, 403 wrong kind); errors are JSON
 * {@code {"error": "...", "status": N}} with a message a person can act on, never a stack trace.
 */
package io.vigil.api;
