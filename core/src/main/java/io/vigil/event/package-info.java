/**
 * The event model: one log record as a flat map of Elastic Common Schema field names to values.
 *
 * <p>In: values set by parsers and enrichers. Out: documents for stores and JSON for the API.
 * Promises: field names are dotted ECS names ({@code source.ip}), values are one of
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@link java.time.Instant} or a
 * {@code List} of those; {@code message} always holds the raw line.
 */
package io.vigil.event;
