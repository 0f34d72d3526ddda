/**
 * The HTTP API under {@code /api/v1}, plus {@code /health}, {@code /metrics} and the
 * Elasticsearch-compatible routes that log shippers use ({@link io.vigil.api.ElasticRoutes}).
 *
 * <p>In: HTTP requests. Out: JSON. Promises: every route but {@code GET /health} requires a token
 * of the right kind, as Bearer or as shippers send it (Basic, ApiKey): 401 missing or wrong, 403
 * wrong kind. Errors are JSON {@code {"error": "...", "status": N}} (Elasticsearch's shape on its
 * routes) with a message a person can act on, never a stack trace.
 */
package io.vigil.api;
