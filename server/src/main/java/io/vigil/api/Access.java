package io.vigil.api;

import io.javalin.security.RouteRole;

/**
 * What a route lets a token kind do, as a Javalin route role. A route registered with
 * {@link #INGEST} may be called with an ingest token; every other route needs an API token.
 */
enum Access implements RouteRole {
    /** Sending events, and the harmless probes that shippers make before they send. */
    INGEST
}
