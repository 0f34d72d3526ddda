package io.vigil.intel.feeds;

import io.vigil.event.Cidr;
import io.vigil.intel.FeedContent;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.FeedEntry;
import io.vigil.intel.IocMatcher;
import io.vigil.intel.Listing;
import io.vigil.intel.Taxii2Envelope;
import io.vigil.state.FeedStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds at run time: each enabled feed's last good data, its status, and the one
 * {@link IocMatcher} built from all of them, which ingest reads through {@link #matcher()}.
 *
 * <p>Refresh (scheduled or asked for): fetch with a conditional GET (TAXII: poll from the
 * cursor), parse, write the data to {@code DATA/intel/}, then build a new matcher and swap it in
 * whole. Anything that fails (network, HTTP status, a body that yields no entry but rejected
 * lines, a disk error) keeps the last good data in memory and on disk and records the error in
 * the feed's status. Added addresses go to the retro-hunt listener.
 *
 * <p>Thread-safe: work on one feed is serialised; matcher rebuilds are serialised; readers never
 * block.
 */
public final class IntelFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(IntelFeeds.class);

    /** What a refresh or upload changed: the API's {@code {"entries", "added", "removed"}}. */
    public record Refreshed(int entries, int added, int removed) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", entries);
            m.put("added", added);
            m.put("removed", removed);
            return m;
        }
    }

    /** Networks a refresh added, with the matchers before and after it (for the retro-hunt). */
    public record Added(String feed, Set<Cidr> networks, IocMatcher before, IocMatcher after) {}

    /** A feed with its status, as listed. */
    public record View(FeedStore.Entry entry, FeedStatus status) {}

    /** One feed entry that lists an address, and why. */
    public record Explanation(FeedDefinition feed, Cidr entry, String context) {}

    /** A refresh that failed; the feed keeps its last good data. */
    public static final class RefreshFailed extends IOException {
        private static final long serialVersionUID = 1L;

        RefreshFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final FeedStore store;
    private final FeedCache cache;
    private final FeedFetcher fetcher;
    private final TaxiiPoller taxii;
    private final Clock clock;
    private final Consumer<Added> onAdded;
    private final Map<String, FeedContent> loaded = new ConcurrentHashMap<>();
    private final Map<String, FeedStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicReference<IocMatcher> matcher = new AtomicReference<>(IocMatcher.EMPTY);
    private final Object rebuild = new Object();

    /**
     * Loads every enabled feed's cached data and builds the first matcher, without the network.
     *
     * @param onAdded told, after the swap, about networks a refresh or upload added
     */
    public IntelFeeds(FeedStore store, FeedCache cache, FeedFetcher fetcher, Clock clock, Consumer<Added> onAdded) {
        this.store = store;
        this.cache = cache;
        this.fetcher = fetcher;
        this.taxii = new TaxiiPoller(fetcher);
        this.clock = clock;
        this.onAdded = onAdded;
        for (FeedStore.Entry e : store.list()) {
            statuses.put(e.feed().name(), cache.status(e.feed().name()));
            if (e.feed().enabled()) {
                loadCached(e.feed());
            }
        }
        rebuildMatcher();
    }

    private void loadCached(FeedDefinition feed) {
        try {
            Optional<String> body = cache.body(feed.name());
            if (body.isPresent()) {
                loaded.put(feed.name(), usable(feed, feed.parser().parse(body.get(), clock.instant())).content());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("feed {}: cached data in DATA/intel cannot be read ({}); it will be fetched again", feed.name(), e.toString());
        }
    }

    /** The matcher in force; replaced whole on every change. */
    public IocMatcher matcher() {
        return matcher.get();
    }

    public List<View> list() {
        return store.list().stream().map(e -> new View(e, status(e.feed().name()))).toList();
    }

    public Optional<View> get(String name) {
        return store.get(name).map(e -> new View(e, status(name)));
    }

    private FeedStatus status(String name) {
        return statuses.getOrDefault(name, FeedStatus.NEVER);
    }

    public Clock clock() {
        return clock;
    }

    /** Adds a user feed; its data arrives with the first refresh or upload. */
    public FeedStore.Outcome create(FeedDefinition feed) throws IOException {
        synchronized (lock(feed.name())) {
            FeedStore.Outcome outcome = store.create(feed);
            if (outcome == FeedStore.Outcome.DONE) {
                cache.delete(feed.name()); // leftovers of an earlier feed of that name are not this feed's data
                statuses.put(feed.name(), FeedStatus.NEVER);
            }
            return outcome;
        }
    }

    /**
     * Replaces a feed's definition. A new URL or format forgets the old data; disabling drops the
     * feed from matching at once, enabling brings back its cached data.
     */
    public FeedStore.Outcome replace(FeedDefinition feed) throws IOException {
        synchronized (lock(feed.name())) {
            Optional<FeedStore.Entry> before = store.get(feed.name());
            FeedStore.Outcome outcome = store.replace(feed);
            if (outcome != FeedStore.Outcome.DONE) {
                return outcome;
            }
            FeedDefinition old = before.orElseThrow().feed();
            if (!java.util.Objects.equals(old.url(), feed.url()) || !old.format().equals(feed.format())
                    || !old.options().equals(feed.options())) {
                cache.delete(feed.name());
                statuses.put(feed.name(), FeedStatus.NEVER);
            }
            loaded.remove(feed.name());
            if (feed.enabled()) {
                loadCached(feed);
            }
            rebuildMatcher();
            return outcome;
        }
    }

    public FeedStore.Outcome delete(String name) throws IOException {
        synchronized (lock(name)) {
            FeedStore.Outcome outcome = store.delete(name);
            if (outcome == FeedStore.Outcome.DONE) {
                loaded.remove(name);
                statuses.remove(name);
                cache.delete(name);
                rebuildMatcher();
            }
            return outcome;
        }
    }

    /**
     * Fetches a feed now and applies it.
     *
     * @throws java.util.NoSuchElementException when there is no such feed
     * @throws IllegalStateException when the feed is disabled or has no URL
     * @throws RefreshFailed when fetching or reading failed; the last good data stays in force
     */
    public Refreshed refresh(String name) throws IOException {
        synchronized (lock(name)) {
            FeedDefinition feed = enabledFeed(name);
            if (feed.url() == null) {
                throw new IllegalStateException("feed " + name + " has no url: upload its contents instead");
            }
            Instant now = clock.instant();
            FeedStatus status = status(name);
            try {
                return fetchAndApply(feed, status, now);
            } catch (IOException | RuntimeException e) {
                String message = e instanceof IOException ? e.getMessage() : e.toString();
                record(name, status(name).failed(now, message));
                throw e instanceof RefreshFailed rf ? rf : new RefreshFailed(message, e);
            }
        }
    }

    private Refreshed fetchAndApply(FeedDefinition feed, FeedStatus status, Instant now) throws IOException {
        if (feed.format().equals("taxii2")) {
            TaxiiPoller.Poll poll = taxii.poll(feed, status.addedAfter());
            String kept = Taxii2Envelope.merge(cache.body(feed.name()).orElse(null), poll.objects(), now);
            return apply(feed, kept, status.withValidators(null, null, poll.addedAfter()), now);
        }
        FeedFetcher.Fetched fetched = fetcher.fetch(feed, status.etag(), status.lastModified());
        if (fetched instanceof FeedFetcher.Fetched.Body body) {
            return apply(feed, body.text(), status.withValidators(body.etag(), body.lastModified(), null), now);
        }
        FeedStatus confirmed = status.unchanged(now);
        record(feed.name(), confirmed);
        return new Refreshed(confirmed.entries(), 0, 0);
    }

    /**
     * Replaces a feed's data with an uploaded body (a private feed, or a public one fetched by
     * hand on an offline machine). The next scheduled fetch of a feed with a URL replaces it again.
     *
     * @throws RefreshFailed when the body yields no entry but has rejected lines
     */
    public Refreshed upload(String name, String body) throws IOException {
        synchronized (lock(name)) {
            FeedDefinition feed = enabledFeed(name);
            Instant now = clock.instant();
            return apply(feed, body, status(name).withValidators(null, null, null), now);
        }
    }

    private FeedDefinition enabledFeed(String name) {
        FeedDefinition feed = store.get(name).orElseThrow(() -> new java.util.NoSuchElementException("no feed " + name)).feed();
        if (!feed.enabled()) {
            throw new IllegalStateException("feed " + name + " is disabled: enable it first (PUT {\"enabled\": true})");
        }
        return feed;
    }

    private Refreshed apply(FeedDefinition feed, String body, FeedStatus status, Instant now) throws IOException {
        FeedContent.Filtered read = usable(feed, feed.parser().parse(body, now));
        FeedContent content = read.content();
        if (content.entries().isEmpty() && content.rejected() > 0) {
            // An error page served with 200, or the wrong format: keep what worked before.
            throw new RefreshFailed("no entries read from " + (feed.url() == null ? "the upload" : feed.url()) + "; "
                    + content.rejected() + " line(s) rejected as " + feed.format() + ", e.g. " + content.examples(), null);
        }
        cache.writeBody(feed.name(), body);
        Set<Cidr> previous = networks(loaded.get(feed.name()));
        Set<Cidr> current = networks(content);
        IocMatcher before;
        IocMatcher after;
        synchronized (rebuild) {
            before = matcher.get();
            loaded.put(feed.name(), content);
            after = rebuildMatcher();
        }
        record(feed.name(), status.loaded(now, content.entries().size(), content.rejected(), read.excluded(), content.examples()));
        Set<Cidr> added = new HashSet<>(current);
        added.removeAll(previous);
        int removed = (int) previous.stream().filter(c -> !current.contains(c)).count();
        if (!added.isEmpty()) {
            onAdded.accept(new Added(feed.name(), added, before, after));
        }
        LOG.info("feed {}: {} entries, {} added, {} removed", feed.name(), content.entries().size(), added.size(), removed);
        return new Refreshed(content.entries().size(), added.size(), removed);
    }

    private static FeedContent.Filtered usable(FeedDefinition feed, FeedContent content) {
        return feed.excludeReserved() ? content.withoutReserved() : new FeedContent.Filtered(content, 0);
    }

    private static Set<Cidr> networks(FeedContent content) {
        Set<Cidr> out = new HashSet<>();
        if (content != null) {
            content.entries().forEach(e -> out.add(e.network()));
        }
        return out;
    }

    private void record(String name, FeedStatus status) {
        statuses.put(name, status);
        try {
            cache.writeStatus(name, status);
        } catch (IOException e) {
            LOG.warn("feed {}: status not saved ({}); it is kept in memory", name, e.toString());
        }
    }

    private IocMatcher rebuildMatcher() {
        synchronized (rebuild) {
            List<IocMatcher.Source> sources = new ArrayList<>();
            for (FeedStore.Entry e : store.list()) {
                FeedContent c = loaded.get(e.feed().name());
                if (e.feed().enabled() && c != null) {
                    sources.add(new IocMatcher.Source(e.feed(), c.entries()));
                }
            }
            IocMatcher built = IocMatcher.build(sources);
            matcher.set(built);
            return built;
        }
    }

    /** Every enabled feed entry that lists the address, most severe feed first; empty when none does. */
    public List<Explanation> explain(Cidr address) {
        List<Listing> listings = matcher().match(address);
        Set<String> feeds = new HashSet<>();
        listings.forEach(l -> feeds.add(l.feed()));
        List<Explanation> out = new ArrayList<>();
        for (FeedStore.Entry e : store.list()) {
            FeedContent c = loaded.get(e.feed().name());
            if (c == null || !feeds.contains(e.feed().name())) {
                continue;
            }
            for (FeedEntry entry : c.entries()) {
                if (entry.network().contains(address)) {
                    out.add(new Explanation(e.feed(), entry.network(), entry.context() == null ? e.feed().context() : entry.context()));
                }
            }
        }
        out.sort(java.util.Comparator.comparing((Explanation x) -> x.feed().severity()).reversed());
        return out;
    }

    /** Enabled feeds with a URL whose next fetch is due at {@code now} (after a failure: retried sooner). */
    List<FeedDefinition> due(Instant now, java.time.Duration retry) {
        List<FeedDefinition> out = new ArrayList<>();
        for (FeedStore.Entry e : store.list()) {
            FeedDefinition f = e.feed();
            FeedStatus s = status(f.name());
            if (!f.enabled() || f.url() == null) {
                continue;
            }
            Instant next = s.lastSuccess() == null ? Instant.EPOCH : s.lastSuccess().plus(f.refresh());
            if (s.failing() && s.lastAttempt() != null) {
                java.time.Duration wait = f.refresh().compareTo(retry) < 0 ? f.refresh() : retry;
                Instant retryAt = s.lastAttempt().plus(wait);
                next = retryAt.isAfter(next) ? retryAt : next;
            }
            if (!next.isAfter(now)) {
                out.add(f);
            }
        }
        return out;
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, k -> new Object());
    }
}
