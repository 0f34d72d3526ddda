package io.vigil.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Cidr;
import io.vigil.event.Event;
import io.vigil.rules.Severity;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IntelEnricherTest {
    private static final List<String> ADDED = List.of("security.context", "security.ioc.malicious_ip",
            "security.origin_feeds", "security.origin_feeds_num", "security.severity");

    private final AtomicReference<IocMatcher> matcher = new AtomicReference<>(IocMatcher.build(List.of(
            new IocMatcher.Source(IocMatcherTest.feed("blocklist_de", "Attacking Host", Severity.MEDIUM),
                    List.of(entry("198.51.100.7"), entry("2001:db8::66"))),
            new IocMatcher.Source(IocMatcherTest.feed("alienvault", "Malicious Host", Severity.LOW),
                    List.of(entry("198.51.100.7"))),
            new IocMatcher.Source(IocMatcherTest.feed("feodo", "Botnet C&C", Severity.CRITICAL),
                    List.of(entry("203.0.113.0/24"))))));
    private final IntelEnricher enricher = new IntelEnricher(matcher::get);

    private static FeedEntry entry(String cidr) {
        return FeedEntry.of(Cidr.parse(cidr).orElseThrow());
    }

    @Test
    void addsExactlyTheFiveFieldsWithAllListingFeedsAndTheHighestSeverity() {
        Event e = new Event().put("source.ip", "198.51.100.7").put("message", "GET /");
        enricher.enrich(e);
        assertThat(e.fields()).containsOnlyKeys(concat(List.of("source.ip", "message"), ADDED));
        assertThat(e.get("security.context")).isEqualTo(List.of("Attacking Host", "Malicious Host"));
        assertThat(e.get("security.ioc.malicious_ip")).isEqualTo("198.51.100.7");
        assertThat(e.get("security.origin_feeds")).isEqualTo(List.of("blocklist_de", "alienvault"));
        assertThat(e.get("security.origin_feeds_num")).isEqualTo(2L);
        assertThat(e.get("security.severity")).isEqualTo("medium");
    }

    @Test
    void checksDestinationClientHostListsAndForwardedForAddresses() {
        Event e = new Event().put("source.ip", "10.0.0.5").put("destination.ip", "203.0.113.50")
                .put("host.ip", List.of("192.0.2.1", "2001:db8::66"))
                .put("http.request.headers.x_forwarded_for", "192.0.2.9, 198.51.100.7:5123");
        enricher.enrich(e);
        assertThat(e.get("security.ioc.malicious_ip")).isEqualTo(List.of("203.0.113.50", "2001:db8::66", "198.51.100.7"));
        assertThat(e.get("security.severity")).isEqualTo("critical");
        assertThat(e.get("security.origin_feeds")).isEqualTo(List.of("feodo", "blocklist_de", "alienvault"));
        assertThat(e.get("security.origin_feeds_num")).isEqualTo(3L);
        assertThat(e.get("security.context")).isEqualTo(List.of("Botnet C&C", "Attacking Host", "Malicious Host"));
        Event client = new Event().put("client.ip", "203.0.113.1");
        enricher.enrich(client);
        assertThat(client.get("security.context")).isEqualTo("Botnet C&C");
    }

    @Test
    void leavesUnlistedAndAlreadyMarkedEventsUntouched() {
        Event clean = new Event().put("source.ip", "192.0.2.44").put("destination.ip", "not-an-ip");
        Event before = clean.copy();
        enricher.enrich(clean);
        assertThat(clean).isEqualTo(before);
        Event marked = new Event().put("source.ip", "198.51.100.7").put("security.ioc.malicious_ip", "192.0.2.1");
        enricher.enrich(marked);
        assertThat(marked.fields()).containsOnlyKeys("source.ip", "security.ioc.malicious_ip");
    }

    @Test
    void usesTheMatcherInForceWhenTheEventArrives() {
        matcher.set(IocMatcher.EMPTY);
        Event e = new Event().put("source.ip", "198.51.100.7");
        enricher.enrich(e);
        assertThat(e.fields()).containsOnlyKeys("source.ip");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void recognisesForwardedForFieldsWhateverTheirCaseOrPrefix() {
        assertThat(List.of("http.request.headers.x_forwarded_for", "X-Forwarded-For", "nginx.X_FORWARDED_FOR",
                "x-forwarded-foR")).allMatch(IntelFields::isForwardedFor);
        assertThat(List.of("source.ip", "x_forwarded_fo", "forwarded_for", "user_agent.original", "x_forwarded_for.count",
                "", "r")).noneMatch(IntelFields::isForwardedFor);
    }
}
