package io.vigil.intel.feeds;

import io.vigil.intel.FeedDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed's health and the validators for its next fetch, kept beside its cached data so a
 * restart knows both.
 *
 * @param lastSuccess when data was last fetched (or confirmed unchanged) or uploaded
 * @param lastAttempt when a fetch was last tried
 * @param lastError what went wrong the last time something did (kept after a later success, for history)
 * @param lastErrorAt when that was
 * @param failing whether the latest attempt failed
 * @param entries entries matched (after leaving out reserved space)
 * @param rejected lines or objects of the last good data that could not be read
 * @param excluded entries left out because they overlap private or reserved space
 * @param examples a few rejected lines
 * @param etag the ETag of the last good fetch
 * @param lastModified its Last-Modified
 * @param addedAfter the TAXII cursor for the next poll
 */
public record FeedStatus(Instant lastSuccess, Instant lastAttempt, String lastError, Instant lastErrorAt,
                         boolean failing, int entries, long rejected, int excluded, List<String> examples,
                         String etag, String lastModified, String addedAfter) {
    public static final FeedStatus NEVER = new FeedStatus(null, null, null, null, false, 0, 0, 0, List.of(), null, null, null);

    public FeedStatus {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /**
     * True when an enabled feed with a URL has no data younger than twice its refresh interval:
     * matching runs on old data (or none) and someone should look at {@link #lastError}.
     */
    public boolean stale(FeedDefinition feed, Instant now) {
        if (!feed.enabled() || feed.url() == null) {
            return false;
        }
        return lastSuccess == null || Duration.between(lastSuccess, now).compareTo(feed.refresh().multipliedBy(2)) > 0;
    }

    FeedStatus failed(Instant at, String error) {
        return new FeedStatus(lastSuccess, at, error, at, true, entries, rejected, excluded, examples, etag, lastModified, addedAfter);
    }

    FeedStatus unchanged(Instant at) {
        return new FeedStatus(at, at, lastError, lastErrorAt, false, entries, rejected, excluded, examples, etag, lastModified, addedAfter);
    }

    FeedStatus loaded(Instant at, int count, long rejectedLines, int excludedEntries, List<String> rejectedExamples) {
        return new FeedStatus(at, lastAttempt, lastError, lastErrorAt, false, count, rejectedLines, excludedEntries,
                rejectedExamples, etag, lastModified, addedAfter);
    }

    FeedStatus withValidators(String newEtag, String newLastModified, String newAddedAfter) {
        return new FeedStatus(lastSuccess, lastAttempt, lastError, lastErrorAt, failing, entries, rejected, excluded, examples,
                newEtag, newLastModified, newAddedAfter);
    }

    /** The API's {@code health} object. */
    public Map<String, Object> toJson(FeedDefinition feed, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("last_success", text(lastSuccess));
        m.put("last_attempt", text(lastAttempt));
        m.put("failing", failing);
        m.put("last_error", lastError);
        m.put("last_error_at", text(lastErrorAt));
        m.put("entries", entries);
        m.put("rejected", rejected);
        m.put("excluded", excluded);
        m.put("rejected_examples", examples);
        m.put("age_seconds", lastSuccess == null ? null : Duration.between(lastSuccess, now).toSeconds());
        m.put("stale", stale(feed, now));
        return m;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
