/**
 * Enrichment: fields added to parsed events before they are stored (GeoIP, threat intelligence).
 *
 * <p>In: a complete event. Out: the same event with added fields. Promises: an enricher never
 * removes or rewrites what the parser produced, never throws on unusual values, and is
 * thread-safe; enrichment that cannot be done is skipped, not fatal.
 */
package io.vigil.enrich;
