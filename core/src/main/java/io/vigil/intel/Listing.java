package io.vigil.intel;

import io.vigil.rules.Severity;

/**
 * Why one feed lists an address: the feed, the context of the listing, and what the feed says a
 * match is worth.
 */
public record Listing(String feed, String context, Severity severity, int confidence) {}
