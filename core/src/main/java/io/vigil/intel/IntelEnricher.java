package io.vigil.intel;

import io.vigil.enrich.Enricher;
import io.vigil.event.Event;
import io.vigil.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Matches every address in an event against the feeds: {@link IntelFields#IP_FIELDS} (single
 * values or lists) and every address in an {@code X-Forwarded-For} field a parser kept
 * (comma-separated). On a match it adds exactly {@link IntelFields#CONTEXT},
 * {@link IntelFields#MALICIOUS_IP}, {@link IntelFields#ORIGIN_FEEDS},
 * {@link IntelFields#ORIGIN_FEEDS_NUM} and {@link IntelFields#SEVERITY}; otherwise the event is
 * untouched. An event that already carries {@code security.ioc.malicious_ip} (from its producer)
 * is left as it is.
 *
 * <p>Thread-safe: each event reads the matcher current when it arrives ({@code matcher} is read
 * once per event), so a refresh swapping the matcher never splits an event.
 */
public final class IntelEnricher implements Enricher {
    private final Supplier<IocMatcher> matcher;

    /** @param matcher the matcher in force; called once per event */
    public IntelEnricher(Supplier<IocMatcher> matcher) {
        this.matcher = matcher;
    }

    @Override
    public void enrich(Event event) {
        if (event.has(IntelFields.MALICIOUS_IP)) {
            return;
        }
        IocMatcher m = matcher.get();
        if (m == null || m.isEmpty()) {
            return;
        }
        // Most events match nothing: the map is made at the first hit, so they allocate nothing here.
        Map<String, List<Listing>> hits = null;
        for (String field : IntelFields.IP_FIELDS) {
            hits = check(m, event.get(field), false, hits);
        }
        for (String field : event.fields().keySet()) { // keys: no entry wrapper per field
            if (IntelFields.isForwardedFor(field)) {
                hits = check(m, event.get(field), true, hits);
            }
        }
        if (hits != null) {
            write(event, hits);
        }
    }

    /** Adds the listed addresses of a value to {@code hits} (made when null); answers the map, still null without a hit. */
    private static Map<String, List<Listing>> check(IocMatcher m, Object value, boolean commaSeparated,
                                                    Map<String, List<Listing>> hits) {
        if (value instanceof List<?> list) {
            for (Object v : list) {
                hits = check(m, v, commaSeparated, hits);
            }
            return hits;
        }
        if (value == null) {
            return hits;
        }
        String text = value.toString();
        if (commaSeparated && text.indexOf(',') >= 0) {
            for (String part : text.split(",")) {
                hits = checkOne(m, part.strip(), hits);
            }
            return hits;
        }
        return checkOne(m, text.strip(), hits);
    }

    private static Map<String, List<Listing>> checkOne(IocMatcher m, String ip, Map<String, List<Listing>> hits) {
        String address = withoutPort(ip);
        if (hits != null && hits.containsKey(address)) {
            return hits;
        }
        List<Listing> listings = m.match(address);
        if (listings.isEmpty()) {
            return hits;
        }
        Map<String, List<Listing>> out = hits == null ? new LinkedHashMap<>() : hits;
        out.put(address, listings);
        return out;
    }

    /** {@code 198.51.100.7:443} as proxies sometimes write it; IPv6 has more than one colon and is kept. */
    private static String withoutPort(String ip) {
        int colon = ip.indexOf(':');
        return colon > 0 && ip.indexOf(':', colon + 1) < 0 ? ip.substring(0, colon) : ip;
    }

    private static void write(Event event, Map<String, List<Listing>> hits) {
        Set<String> contexts = new LinkedHashSet<>();
        Set<String> feeds = new LinkedHashSet<>();
        Severity highest = Severity.LOW;
        for (List<Listing> listings : hits.values()) {
            for (Listing l : listings) {
                contexts.add(l.context());
                feeds.add(l.feed());
                highest = l.severity().compareTo(highest) > 0 ? l.severity() : highest;
            }
        }
        event.put(IntelFields.CONTEXT, single(contexts));
        event.put(IntelFields.MALICIOUS_IP, single(hits.keySet()));
        event.put(IntelFields.ORIGIN_FEEDS, new ArrayList<>(feeds));
        event.put(IntelFields.ORIGIN_FEEDS_NUM, (long) feeds.size());
        event.put(IntelFields.SEVERITY, highest.id());
    }

    /** One value as itself, several as a list: the usual case stays a plain keyword. */
    private static Object single(Set<String> values) {
        return values.size() == 1 ? values.iterator().next() : new ArrayList<>(values);
    }
}
