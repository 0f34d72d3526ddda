/**
 * Ingest: request bodies in, durable events out.
 *
 * <p>In: bytes (plain lines or NDJSON, possibly gzip), a type. Out: events appended to the store
 * and an exact account ({@link io.vigil.ingest.IngestReport}) of accepted and failed lines.
 * Promises: every line becomes exactly one stored event or a counted failure; a line that no
 * parser understands is stored with its raw text and {@code _parse_failure}.
 *
 * <p>{@link io.vigil.ingest.ElasticBulk} reads the Elasticsearch bulk format instead, with one
 * answer per action; {@link io.vigil.ingest.IndexTypes} chooses each document's type from its
 * index name or fields.
 */
package io.vigil.ingest;
