package io.vigil.intel;

import io.vigil.event.ReservedNetworks;
import java.util.ArrayList;
import java.util.List;

/**
 * What a feed parser read: the entries, and the lines it could not use. A feed with some bad lines
 * still counts; the count and a few examples tell the user what was skipped.
 *
 * @param entries listed networks in file order (duplicates possible)
 * @param rejected lines or objects that were neither data, comment nor blank
 * @param examples a few rejected lines, for the feed's health
 */
public record FeedContent(List<FeedEntry> entries, long rejected, List<String> examples) {
    public static final int MAX_EXAMPLES = 5;
    public static final FeedContent EMPTY = new FeedContent(List.of(), 0, List.of());

    public FeedContent {
        entries = List.copyOf(entries);
        examples = List.copyOf(examples);
    }

    /**
     * The entries without those overlapping private or reserved space (see {@link ReservedNetworks}),
     * and how many were left out.
     */
    public Filtered withoutReserved() {
        List<FeedEntry> kept = new ArrayList<>(entries.size());
        for (FeedEntry e : entries) {
            if (!ReservedNetworks.overlaps(e.network())) {
                kept.add(e);
            }
        }
        return new Filtered(new FeedContent(kept, rejected, examples), entries.size() - kept.size());
    }

    /** Content after leaving out reserved space; {@code excluded} entries were dropped. */
    public record Filtered(FeedContent content, int excluded) {}

    /** Collects entries and rejected lines while a parser reads. Not thread-safe. */
    static final class Builder {
        private final List<FeedEntry> entries = new ArrayList<>();
        private final List<String> examples = new ArrayList<>();
        private long rejected;

        void add(FeedEntry entry) {
            entries.add(entry);
        }

        void reject(String line) {
            rejected++;
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(line.length() > 200 ? line.substring(0, 200) + "…" : line);
            }
        }

        FeedContent build() {
            return new FeedContent(entries, rejected, examples);
        }
    }
}
