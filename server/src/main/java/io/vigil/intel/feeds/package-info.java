/**
 * Threat feeds at run time: fetching (conditional GET, TAXII polling), the on-disk cache under
 * {@code DATA/intel/}, the refresh schedule, feed health, and the retro-hunt of stored events.
 *
 * <p>In: feed definitions ({@link io.vigil.state.FeedStore}) and the network. Out: the matcher in
 * force ({@link io.vigil.intel.feeds.IntelFeeds#matcher()}) read by the ingest enrichers, feed
 * status for the API, and retro security events (handed to a {@link io.vigil.intel.feeds.RetroHunt.Sink},
 * the detector, which stores and notifies them like live ones). Promises: a failed refresh never replaces good
 * data; a restart matches from the cache before touching the network; a machine without Internet
 * shows each feed's error and runs otherwise as usual. The pure parts (formats, matching,
 * enrichment) are in {@link io.vigil.intel} in the core.
 */
package io.vigil.intel.feeds;
