/**
 * Threat intelligence: reading public and private feeds of bad addresses, and matching events
 * against all of them.
 *
 * <p>In: feed bodies as text ({@link io.vigil.intel.FeedParser}, one per format in
 * {@link io.vigil.intel.FeedFormats}) and feed definitions ({@link io.vigil.intel.FeedDefinition},
 * defaults in {@link io.vigil.intel.FeedCatalogue}). Out: an immutable
 * {@link io.vigil.intel.IocMatcher} built from every enabled feed, and the
 * {@link io.vigil.intel.IntelEnricher} that adds the {@link io.vigil.intel.IntelFields} to an
 * event whose addresses are listed; the built-in rule {@link io.vigil.intel.ThreatIntelRule}
 * turns those into security events.
 *
 * <p>Promises: parsers never throw on bad input (bad lines are counted, with examples); entries
 * overlapping private or reserved space are not matched unless a feed asks for it
 * ({@link io.vigil.event.ReservedNetworks}); a matcher is replaced whole, never changed. Nothing
 * here fetches over the network, keeps threads or touches disk: the server does (TAXII paging is
 * modelled here by {@link io.vigil.intel.Taxii2Envelope}, its HTTP lives in the server).
 */
package io.vigil.intel;
