/**
 * Wiring: configuration, the store, the ingest pipeline, credentials and the HTTP API in one
 * process ({@link io.vigil.server.VigilServer}).
 *
 * <p>In: a {@link io.vigil.server.VigilConfig}. Out: a running server. Promises: nothing is served
 * before the store has replayed its write-ahead log; stop flushes and commits.
 */
package io.vigil.server;
