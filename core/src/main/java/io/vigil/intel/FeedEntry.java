package io.vigil.intel;

import io.vigil.event.Cidr;
import java.util.Objects;

/**
 * One line of a feed: a network or address, and why it is listed when the feed says so per entry
 * (AlienVault's activity, e.g. {@code Scanning Host}).
 *
 * @param network the listed address or network
 * @param context the entry's own context, or null to use the feed's
 */
public record FeedEntry(Cidr network, String context) {
    public FeedEntry {
        Objects.requireNonNull(network, "network");
        context = context == null || context.isBlank() ? null : context.trim();
    }

    public static FeedEntry of(Cidr network) {
        return new FeedEntry(network, null);
    }
}
