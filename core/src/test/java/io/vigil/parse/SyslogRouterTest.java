package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogRouterTest extends ParserTestCase {
    private final ParserRegistry registry = ParserRegistry.builtIn();
    private final SyslogRouter router = SyslogRouter.withDefaults(registry, Map.of());

    @Override
    protected Parser parser() {
        return router;
    }

    @Override
    protected List<String> samples() {
        List<String> samples = new ArrayList<>(ExpectedEvents.lines("parse/syslog_router/programs.log"));
        samples.addAll(ExpectedEvents.lines("parse/syslog/headers.log"));
        return samples;
    }

    @Test
    void parsesEachBodyWithTheTypeItsProgramChooses() {
        ExpectedEvents.assertMatches(router, "syslog_router", "programs");
    }

    @Test
    void readsHeadersAsTheSyslogTypeDoes() {
        ExpectedEvents.assertMatches(router, "syslog", "headers");
        ExpectedEvents.assertMatches(router, "syslog", "auth");
    }

    @Test
    void failsOnlyWithoutASyslogHeader() {
        assertThat(router.parse(RawEvent.of("just words"))).isInstanceOf(ParseResult.Failed.class);
        assertThat(router.parse(RawEvent.of("<13>Nov 28 10:03:00 web1 nginx: not an access line")))
                .isInstanceOfSatisfying(ParseResult.Parsed.class, p -> assertThat(p.events().get(0)
                        .getString(Ecs.EVENT_DATASET)).isEqualTo("syslog"));
    }

    @Test
    void triesExtraProgramsBeforeTheDefaultsAndKeepsHeaderFields() {
        SyslogRouter custom = SyslogRouter.withDefaults(registry, Map.of("billing", List.of("json"), "nginx", List.of("json")));
        Event json = single(custom.parse(RawEvent.of("<14>Nov 28 10:03:00 app2 billing[5]: {\"order\": 42, \"user\": {\"name\": \"eve\"}}")));
        assertThat(json.get("order")).isEqualTo(42L);
        assertThat(json.getString("user.name")).isEqualTo("eve");
        assertThat(json.getString("host.name")).isEqualTo("app2");
        assertThat(json.get("process.pid")).isEqualTo(5L);
        Event nginx = single(custom.parse(RawEvent.of("<14>Nov 28 10:03:00 web nginx: 192.0.2.1 - - [28/Nov/2024:10:01:01 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"")));
        assertThat(nginx.getString(Ecs.EVENT_DATASET)).as("json did not understand it").isEqualTo("syslog");
    }

    @Test
    void findsProgramsByLowerCaseSuffixlessAndPathlessNames() {
        SyslogRouter custom = new SyslogRouter(registry, Map.of("smtpd", List.of("json"), "nginx", List.of("json")));
        assertThat(single(custom.parse(RawEvent.of("<14>Nov 28 10:03:00 mx postfix/smtpd[9]: {\"a\": 1}"))).get("a")).isEqualTo(1L);
        assertThat(single(custom.parse(RawEvent.of("<14>Nov 28 10:03:00 web NGINX: {\"a\": 2}"))).get("a")).isEqualTo(2L);
        assertThat(single(custom.parse(RawEvent.of("<14>Nov 28 10:03:00 web nginx(extra): {\"a\": 3}"))).get("a")).isEqualTo(3L);
    }

    @Test
    void skipsATypeRemovedAtRunTime() {
        ParserRegistry live = ParserRegistry.builtIn();
        SyslogRouter custom = new SyslogRouter(live, Map.of("app", List.of("json")));
        live.unregister("json");
        Event e = single(custom.parse(RawEvent.of("<14>Nov 28 10:03:00 h app: {\"a\": 1}")));
        assertThat(e.getString(Ecs.EVENT_DATASET)).isEqualTo("syslog");
    }

    @Test
    void refusesUnknownTypesAndEmptyListsNamingAllOfThem() {
        assertThatThrownBy(() -> new SyslogRouter(registry, Map.of("a", List.of("nope"), "b", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("program 'a': unknown type 'nope'")
                .hasMessageContaining("program 'b' has no type");
    }

    @Test
    void usesTheBodyTimeAndFallsBackToTheHeaderTime() {
        Event e = single(router.parse(new RawEvent("<4>Nov 28 10:00:00 gw kernel: IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.2 PROTO=UDP",
                Instant.parse("2024-12-01T00:00:00Z"))));
        assertThat(e.getString(Ecs.EVENT_DATASET)).isEqualTo("iptables.log");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-11-28T10:00:00Z"));
    }

    private static Event single(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        List<Event> events = ((ParseResult.Parsed) result).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
