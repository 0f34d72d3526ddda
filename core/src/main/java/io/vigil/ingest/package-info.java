/**
 * Ingest: request bodies in, durable events out.
 *
 * <p>In: bytes (plain lines or NDJSON, possibly gzip), a type. Out: events appended to the store
 * and an exact account ({@link io.vigil.ingest.IngestReport}) of accepted and failed lines.
 * Promises: every line becomes exactly one stored event or a counted failure; a line that no
 * parser understands is stored with its raw text and {@code _parse_failure}.
 */
package io.vigil.ingest;
