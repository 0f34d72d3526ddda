package io.vigil.intel.feeds;

import io.vigil.detect.SecurityEvent;
import io.vigil.event.Cidr;
import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.intel.IntelFields;
import io.vigil.intel.IocMatcher;
import io.vigil.query.SearchRequest;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.rules.Rule;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * When a refresh adds addresses, looks for them in the events stored over the look-back window
 * (7 days by default) and raises a {@code threat-intel-ip-match} security event per address for
 * those past sightings, marked {@code retro} and timed by the original events.
 *
 * <p>How: the added networks are searched in chunks ({@code source.ip:"198.51.100.0/24" OR
 * destination.ip:"..." ...}) over the IP-typed address fields ({@link IntelFields#IP_FIELDS});
 * each hit counts for an address the new matcher lists and the old one did not (an address
 * another feed already listed was matched live). One search returns at most
 * {@link SearchRequest#MAX_SIZE} events per chunk; the newest are kept.
 *
 * <p>A retro security event's id is derived from the address and its first sighting, so hunting
 * the same addresses again (a feed dropping and re-adding them) updates it instead of adding one.
 * Raised events go to a {@link Sink} (the server's detector), which stores them and sends them
 * through notifications like live detections, as the rule's actions and throttle say.
 * Nothing is raised while the rule is disabled. Thread-safe (stateless between calls).
 */
public final class RetroHunt {
    /**
     * Takes the retro security events of one hunt: stores them (an event with a stored id replaces
     * it) and announces the new ones as the rule's throttle allows.
     */
    @FunctionalInterface
    public interface Sink {
        /** @throws IOException when the events cannot be stored */
        void raise(List<SecurityEvent> events) throws IOException;
    }

    /** Networks per search: with four fields that stays under Lucene's 1,024 clauses. */
    static final int CHUNK = 200;

    private final EventStore events;
    private final Sink sink;
    private final Supplier<Optional<Rule>> rule;
    private final Clock clock;
    private final Duration window;

    /**
     * @param sink where raised security events go
     * @param rule the effective {@code threat-intel-ip-match} rule (empty or disabled: no hunting)
     * @param window how far back stored events are searched
     */
    public RetroHunt(EventStore events, Sink sink, Supplier<Optional<Rule>> rule, Clock clock, Duration window) {
        this.events = events;
        this.sink = sink;
        this.rule = rule;
        this.clock = clock;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** A past sighting of one newly listed address. */
    private static final class Sightings {
        Instant first;
        Instant last;
        long count;
        final List<String> ids = new ArrayList<>();
        final List<String> samples = new ArrayList<>();

        void add(Event e) {
            Instant t = e.timestamp();
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
            count++;
            if (ids.size() < SecurityEvent.MAX_IDS && e.id() != null) {
                ids.add(e.id());
            }
            String message = e.getString("message");
            if (message != null && samples.size() < io.vigil.detect.Signal.MAX_SAMPLES && !samples.contains(message)) {
                samples.add(message);
            }
        }
    }

    /**
     * Hunts for the added networks and raises a retro security event per address sighted.
     *
     * @param before the matcher in force before the refresh
     * @param after the matcher in force after it
     * @return the security events raised (new or updated)
     */
    public List<SecurityEvent> hunt(Collection<Cidr> added, IocMatcher before, IocMatcher after) throws IOException {
        Optional<Rule> r = rule.get();
        List<String> fields = IntelFields.IP_FIELDS.stream().filter(f -> events.fieldType(f) == FieldType.IP).toList();
        if (r.isEmpty() || !r.get().enabled() || added.isEmpty() || fields.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        TimeRange range = new TimeRange(now.minus(window), now.plusSeconds(1));
        Map<String, Sightings> byAddress = new LinkedHashMap<>();
        List<Cidr> networks = new ArrayList<>(added);
        events.refresh();
        for (int from = 0; from < networks.size(); from += CHUNK) {
            String query = query(networks.subList(from, Math.min(networks.size(), from + CHUNK)), fields);
            SearchRequest request = new SearchRequest(query, range, SearchRequest.MAX_SIZE, Sort.NEWEST_FIRST, Map.of());
            for (Event e : events.search(request).hits()) {
                sightings(e, fields, before, after, byAddress);
            }
        }
        List<SecurityEvent> raised = new ArrayList<>();
        byAddress.forEach((ip, s) -> raised.add(securityEvent(r.get(), ip, s)));
        if (!raised.isEmpty()) {
            sink.raise(raised);
        }
        return raised;
    }

    static String query(List<Cidr> networks, List<String> fields) {
        List<String> clauses = new ArrayList<>(networks.size() * fields.size());
        for (String f : fields) {
            for (Cidr c : networks) {
                clauses.add(f + ":\"" + c + "\"");
            }
        }
        return String.join(" OR ", clauses);
    }

    private static void sightings(Event e, List<String> fields, IocMatcher before, IocMatcher after,
                                  Map<String, Sightings> byAddress) {
        if (e.timestamp() == null) {
            return;
        }
        for (String f : fields) {
            Object v = e.get(f);
            for (Object one : v instanceof List<?> list ? list : v == null ? List.of() : List.of(v)) {
                Optional<Cidr> address = Cidr.address(one.toString());
                if (address.isPresent() && !after.match(address.get()).isEmpty() && before.match(address.get()).isEmpty()) {
                    byAddress.computeIfAbsent(address.get().toString(), k -> new Sightings()).add(e);
                }
            }
        }
    }

    private static SecurityEvent securityEvent(Rule rule, String ip, Sightings s) {
        Map<String, Object> group = Map.of(IntelFields.MALICIOUS_IP, ip);
        // Oldest first, as the live path lists contributing events.
        List<String> ids = new ArrayList<>(s.ids);
        java.util.Collections.reverse(ids);
        return new SecurityEvent(retroId(ip, s.first), rule.id(), rule.title(), rule.severity(), rule.tags(), group,
                s.count, s.first, s.last, ids, s.samples, "open", null, List.of(), List.of(), true);
    }

    /** Stable per address and first sighting, 22 URL-safe characters like other ids. */
    static String retroId(String ip, Instant first) {
        UUID u = UUID.nameUUIDFromBytes(("retro|" + ip + "|" + first).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}
