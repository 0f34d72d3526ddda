/**
 * The embedded event store: one Lucene index per UTC day under {@code DATA/indices}, a write-ahead
 * log under {@code DATA/wal}, typed fields with doc values, Lucene query syntax and aggregations.
 *
 * <p>In: completed events ({@code _id}, {@code @timestamp}). Out: search results. Promises: an
 * appended event is fsynced to the write-ahead log before {@code append} returns, searchable
 * within the refresh interval (default 250 ms), and found exactly once after a crash (replay is
 * keyed by {@code _id}). Whole days are dropped by retention.
 */
package io.vigil.store.lucene;
