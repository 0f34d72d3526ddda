/**
 * The event store contract. Implementations: the embedded Lucene store ({@code vigil-lucene}) and,
 * later, OpenSearch. Both must pass one contract test suite.
 *
 * <p>In: events with an {@code _id} and an {@code @timestamp}. Out: search results. Promises: an
 * event is durable when {@link io.vigil.store.EventStore#append} returns, searchable within one
 * second, and stored once however often it is appended (the {@code _id} decides).
 */
package io.vigil.store;
