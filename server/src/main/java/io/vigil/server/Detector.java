package io.vigil.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.detect.DetectionEngine;
import io.vigil.detect.HistoricalEvaluator;
import io.vigil.detect.Limits;
import io.vigil.detect.SecurityEvent;
import io.vigil.detect.Signal;
import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.query.SearchRequest;
import io.vigil.query.Sort;
import io.vigil.rules.Rule;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming detection: applies the rules to every stored batch, turns signals into security
 * events (merging repeated firings of one rule and group within the throttle period into one
 * episode), stores them in their own index and tells listeners (notifications) about new ones.
 * At start, and when a rule changes, rule state is rebuilt from stored events of its look-back.
 * Thread-safe.
 */
public final class Detector {
    private static final Logger LOG = LoggerFactory.getLogger(Detector.class);
    static final Duration DEFAULT_THROTTLE = Duration.ofHours(1);
    private static final int WARM_EVENTS_PER_RULE = 200_000;

    private final EventStore events;
    private final EventStore securityEvents;
    private final DetectionEngine engine;
    private final Clock clock;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    /**
     * The latest episode of every rule and group that can still absorb a firing (seen within the
     * longest throttle). Loaded from the security-event index at start, so a group missing here has
     * no open episode and detection never searches the index on its hot path. Pruned by time; if it
     * ever outgrows {@link #MAX_OPEN}, lookups of missing groups fall back to the index.
     */
    private final Map<String, SecurityEvent> open = new java.util.HashMap<>();
    private static final int MAX_OPEN = 1_000_000;
    private boolean openComplete;
    private boolean loaded;
    private Instant newestSeen = Instant.EPOCH;
    private long processedSincePrune;
    private final List<Consumer<SecurityEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Timer latency;

    public Detector(EventStore events, EventStore securityEvents, Clock clock, MeterRegistry metrics) {
        this.events = events;
        this.securityEvents = securityEvents;
        this.clock = clock;
        this.engine = new DetectionEngine(Limits.defaults(), events::fieldType);
        this.latency = Timer.builder("vigil.detection.latency").description("Batch stored to security events stored")
                .publishPercentiles(0.5, 0.99).register(metrics);
        io.micrometer.core.instrument.Gauge.builder("vigil.detection.state.evictions", engine, DetectionEngine::evictions)
                .description("Rule state entries evicted at the per-rule caps").register(metrics);
        io.micrometer.core.instrument.Gauge.builder("vigil.detection.state.groups", engine, DetectionEngine::activeGroups)
                .description("Groups held in rule state").register(metrics);
    }

    /**
     * Called with each new security event, detected or {@linkplain #raise raised} (not with updates
     * of an open one); run the answer to unsubscribe.
     */
    public Runnable onNewSecurityEvent(Consumer<SecurityEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public EventStore securityEvents() {
        return securityEvents;
    }

    public DetectionEngine engine() {
        return engine;
    }

    /** Replaces the rule set; rules that are new or changed get their state rebuilt from the store. */
    public void setRules(List<Rule> newRules) {
        List<Rule> changed = new ArrayList<>();
        synchronized (this) {
            Map<String, Rule> previous = new LinkedHashMap<>(rules);
            rules.clear();
            for (Rule r : newRules) {
                rules.put(r.id(), r);
                if (r.enabled() && !r.equals(previous.get(r.id()))) {
                    changed.add(r);
                }
            }
            engine.setRules(newRules);
            if (!loaded) {
                loaded = true;
                loadOpenEpisodes();
            }
        }
        warm(changed);
    }

    private void warm(List<Rule> changed) {
        HistoricalEvaluator reader = new HistoricalEvaluator(events, events::fieldType, WARM_EVENTS_PER_RULE);
        Instant now = clock.instant();
        for (Rule rule : changed) {
            Duration lookBack = HistoricalEvaluator.lookBack(rule);
            if (lookBack.isZero()) {
                continue;
            }
            try {
                engine.warm(rule.id(), reader.selected(rule, now.minus(lookBack), now.plusSeconds(1)));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not rebuild state of rule {} from stored events: {}", rule.id(), e.toString());
            }
        }
    }

    /** Runs detection on a batch that has just been stored. */
    public void process(List<Event> batch) throws IOException {
        long start = System.nanoTime();
        List<Signal> signals = engine.process(batch);
        if (signals.isEmpty()) {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return;
        }
        List<SecurityEvent> created = new ArrayList<>();
        Map<String, SecurityEvent> changed = new LinkedHashMap<>();
        synchronized (this) {
            for (Signal s : signals) {
                Rule rule = rules.get(s.ruleId());
                if (rule == null) {
                    continue;
                }
                String key = SecurityEvent.groupKey(s.ruleId(), s.group());
                SecurityEvent current = changed.containsKey(key) ? changed.get(key) : openEpisode(key);
                Duration throttle = rule.throttle() == null ? DEFAULT_THROTTLE : rule.throttle();
                SecurityEvent next;
                if (current != null && !"closed".equals(current.status())
                        && !s.at().isAfter(current.lastSeen().plus(throttle))) {
                    next = current.merge(s);
                } else {
                    next = new SecurityEvent(IngestPipeline.newId(), rule.id(), rule.title(), s.severity(), rule.tags(),
                            s.group(), s.count(), s.firstSeen(), s.lastSeen(), s.eventIds(), s.samples(), "open", null,
                            List.of(), List.of(), false);
                    created.add(next);
                }
                changed.put(key, next);
                open.put(key, next);
                if (next.lastSeen().isAfter(newestSeen)) {
                    newestSeen = next.lastSeen();
                }
            }
            prune();
            // Written under the lock so that modify() never reads an older version than memory holds.
            securityEvents.upsert(changed.values().stream().map(SecurityEvent::toEvent).toList());
        }
        // No refresh here: the server's security store refreshes on the next read (ReadYourWritesStore),
        // so an analyst still sees the event as soon as the answer is sent, and a busy ingest does not
        // pay a refresh per batch.
        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        announce(created);
    }

    /**
     * Stores security events raised outside streaming detection (the threat-intel retro-hunt) and
     * announces them to listeners (notifications) like detected ones, as far as their rule's
     * throttle allows:
     * <ul>
     *   <li>an event whose id is stored already (the same episode hunted again) replaces it, keeping
     *       its triage and notifications, and is not announced again;</li>
     *   <li>a new event is announced unless another episode of its rule and group, not closed, lies
     *       within the throttle of it (that activity was announced already); it is stored either way;</li>
     *   <li>it becomes the group's open episode when it is the latest, so sightings that follow
     *       within the throttle merge into it instead of announcing again.</li>
     * </ul>
     *
     * @throws IOException when the events cannot be stored; none is announced then
     */
    public void raise(List<SecurityEvent> raised) throws IOException {
        List<SecurityEvent> created = new ArrayList<>();
        synchronized (this) {
            List<SecurityEvent> stored = new ArrayList<>();
            for (SecurityEvent e : raised) {
                Rule rule = rules.get(e.ruleId());
                Duration throttle = rule == null || rule.throttle() == null ? DEFAULT_THROTTLE : rule.throttle();
                List<SecurityEvent> near = episodesNear(e, throttle);
                SecurityEvent same = near.stream().filter(x -> x.id().equals(e.id())).findFirst().orElse(null);
                SecurityEvent next = same == null ? e
                        : e.withTriage(same.status(), same.assignee(), same.comments()).withNotifications(same.notifications());
                if (same == null && near.stream().allMatch(x -> "closed".equals(x.status()))) {
                    created.add(next);
                }
                stored.add(next);
                SecurityEvent current = open.get(next.groupKey());
                if (current == null || current.id().equals(next.id()) || next.lastSeen().isAfter(current.lastSeen())) {
                    open.put(next.groupKey(), next);
                }
            }
            securityEvents.upsert(stored.stream().map(SecurityEvent::toEvent).toList());
            securityEvents.refresh();
        }
        announce(created);
    }

    /** Stored episodes of the event's rule and group that overlap it once widened by the throttle; the event's own stored version included. */
    private List<SecurityEvent> episodesNear(SecurityEvent e, Duration throttle) throws IOException {
        if (securityEvents.fieldType("last_seen") == null) {
            return List.of(); // nothing was ever stored
        }
        String q = "group_key:\"" + e.groupKey().replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                + " AND last_seen:[" + e.firstSeen().minus(throttle) + " TO *]"
                + " AND first_seen:[* TO " + e.lastSeen().plus(throttle) + "]";
        List<SecurityEvent> out = new ArrayList<>();
        for (Event hit : securityEvents.search(new SearchRequest(q, null, 100, new Sort("last_seen", true), Map.of())).hits()) {
            out.add(SecurityEvent.fromEvent(hit));
        }
        return out;
    }

    private void announce(List<SecurityEvent> created) {
        for (SecurityEvent e : created) {
            for (Consumer<SecurityEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("security event listener failed for {}: {}", e.id(), ex.toString());
                }
            }
        }
    }

    /** The latest episode of a rule and group: from memory, and from the index only when memory overflowed. */
    private SecurityEvent openEpisode(String key) {
        SecurityEvent cached = open.get(key);
        if (cached != null || openComplete) {
            return cached;
        }
        try {
            String q = "group_key:\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            List<Event> hits = securityEvents.search(new SearchRequest(q, null, 1, new Sort("last_seen", true), Map.of())).hits();
            return hits.isEmpty() ? null : SecurityEvent.fromEvent(hits.get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The longest throttle of any rule: an episode older than this can absorb nothing. */
    private Duration longestThrottle() {
        Duration longest = DEFAULT_THROTTLE;
        for (Rule r : rules.values()) {
            if (r.throttle() != null && r.throttle().compareTo(longest) > 0) {
                longest = r.throttle();
            }
        }
        return longest;
    }

    /** Loads the episodes that can still absorb firings; called once the rules are known. */
    private synchronized void loadOpenEpisodes() {
        Instant since = clock.instant().minus(longestThrottle()).minus(Limits.defaults().lateness());
        try {
            java.util.Optional<io.vigil.event.FieldType> known = java.util.Optional.ofNullable(securityEvents.fieldType("last_seen"));
            if (known.isEmpty()) {
                openComplete = true; // nothing was ever stored
                return;
            }
            List<Event> hits = securityEvents.search(new SearchRequest("last_seen:[" + since + " TO *]", null,
                    SearchRequest.MAX_SIZE, new Sort("last_seen", false), Map.of())).hits();
            for (Event e : hits) {
                SecurityEvent episode = SecurityEvent.fromEvent(e);
                open.put(episode.groupKey(), episode);
            }
            openComplete = hits.size() < SearchRequest.MAX_SIZE;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not load open security events ({}); merging will consult the index", e.toString());
            openComplete = false;
        }
    }

    /** Drops episodes too old to absorb anything; keeps memory bounded by time. */
    private void prune() {
        if (++processedSincePrune < 100 && open.size() < MAX_OPEN) {
            return;
        }
        processedSincePrune = 0;
        Instant horizon = newestSeen.minus(longestThrottle()).minus(Limits.defaults().lateness());
        open.values().removeIf(e -> e.lastSeen().isBefore(horizon));
        if (open.size() >= MAX_OPEN) {
            open.clear();
            openComplete = false;
        }
    }

    /**
     * Changes one stored security event atomically with respect to detection: the change is applied
     * to the freshest version (the open episode in memory if this is it, else the stored one) and
     * written back, so neither a concurrent merge nor the change is lost. Answers the changed event,
     * or empty when no event has this id.
     */
    public synchronized java.util.Optional<SecurityEvent> modify(String id, java.util.function.UnaryOperator<SecurityEvent> change)
            throws IOException {
        List<Event> hits = securityEvents.search(SearchRequest.of("_id:\"" + id.replace("\"", "") + "\"", null, 1)).hits();
        if (hits.isEmpty()) {
            return java.util.Optional.empty();
        }
        SecurityEvent stored = SecurityEvent.fromEvent(hits.get(0));
        SecurityEvent cached = open.get(stored.groupKey());
        boolean current = cached != null && cached.id().equals(id);
        SecurityEvent updated = change.apply(current ? cached : stored);
        securityEvents.upsert(List.of(updated.toEvent()));
        securityEvents.refresh();
        if (current) {
            open.put(updated.groupKey(), updated);
        }
        return java.util.Optional.of(updated);
    }
}
