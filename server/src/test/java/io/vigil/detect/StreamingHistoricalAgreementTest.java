package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.demo.DemoTraffic;
import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.parse.ParserRegistry;
import io.vigil.rules.Rule;
import io.vigil.rules.RuleFormat;
import io.vigil.store.lucene.LuceneEventStore;
import io.vigil.store.lucene.LuceneStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of "one semantics, two evaluators": a day of traffic is fed to the
 * streaming engine in ingest-sized batches and stored; the historical evaluator then runs each rule
 * over the store. Both must raise exactly the same signals.
 */
class StreamingHistoricalAgreementTest {
    @TempDir
    Path dir;

    static final List<String> RULES = List.of("""
            id: burst
            title: 401/403 burst
            severity: medium
            query: 'event.dataset:nginx.access AND http.response.status_code:(401 OR 403)'
            type: threshold
            group_by: [source.ip]
            threshold: {levels: [{count: "> 5", severity: medium}, {count: "> 30", severity: high}]}
            window: 5m
            """, """
            id: scanner
            title: many distinct paths
            severity: low
            query: 'http.response.status_code:404'
            type: cardinality
            group_by: [source.ip]
            cardinality: {field: url.path, count: "> 10"}
            window: 10m
            """, """
            id: brute-then-success
            title: failures then success
            severity: high
            query: 'url.path:\\/login OR url.path:\\/admin*'
            type: sequence
            group_by: [source.ip]
            sequence:
              maxspan: 2h
              steps:
                - {query: 'http.response.status_code:401', count: ">= 5"}
                - {query: 'http.response.status_code:(200 OR 302)'}
            """, """
            id: new-method
            title: new method for a client
            severity: low
            query: 'http.request.method:*'
            type: new_terms
            group_by: [source.ip]
            new_terms: {fields: [http.request.method], history: 6h}
            """, """
            id: traversal
            title: path traversal
            severity: high
            query: 'url.original:*..\\/* OR url.original:*%2e%2e* OR url.original:*..%2f*'
            type: match
            group_by: [source.ip]
            """);

    @Test
    void streamingAndHistoricalRaiseTheSameSignals() throws Exception {
        List<Rule> rules = RULES.stream().map(y -> RuleFormat.parseYaml(y, "test")).toList();
        try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir))) {
            IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), store, Clock.systemUTC(), 1 << 20);
            List<Event> events = pipeline.toEvents("nginx", DemoTraffic.generate(Instant.parse("2026-11-28T00:00:00Z"), 11));
            DetectionEngine streaming = new DetectionEngine(Limits.defaults(), store::fieldType);
            List<Signal> streamed = new ArrayList<>();
            for (int i = 0; i < events.size(); i += 500) {
                List<Event> batch = events.subList(i, Math.min(events.size(), i + 500));
                store.append(batch);
                streaming.setRules(rules);
                streamed.addAll(streaming.process(batch));
            }
            store.refresh();
            HistoricalEvaluator historical = new HistoricalEvaluator(store, store::fieldType, 1_000_000);
            for (Rule rule : rules) {
                List<String> expected = streamed.stream().filter(s -> s.ruleId().equals(rule.id()))
                        .map(StreamingHistoricalAgreementTest::describe).sorted().toList();
                List<String> actual = historical.evaluate(rule, Instant.parse("2026-11-27T00:00:00Z"),
                        Instant.parse("2026-11-28T00:00:01Z")).signals().stream()
                        .map(StreamingHistoricalAgreementTest::describe).sorted().toList();
                assertThat(expected).as("rule %s fires on the demo day", rule.id()).isNotEmpty();
                List<String> onlyStreamed = expected.stream().filter(x -> !actual.contains(x)).limit(5).toList();
                List<String> onlyHistorical = actual.stream().filter(x -> !expected.contains(x)).limit(5).toList();
                assertThat(actual).as("rule %s: %d streamed, %d historical; only streamed %s; only historical %s", rule.id(),
                        expected.size(), actual.size(), onlyStreamed, onlyHistorical).isEqualTo(expected);
            }
        }
    }

    /**
     * Signals of one instant come in no defined order; compare them as a sorted list. For new
     * terms, two events with the same value in the same millisecond are equally "first": which
     * one is reported depends on where a batch boundary fell, so the id is left out there.
     */
    private static String describe(Signal s) {
        String ids = s.ruleId().equals("new-method") ? "" : " ids " + s.eventIds().stream().sorted().collect(Collectors.joining(","));
        return s.ruleId() + " " + s.group() + " at " + s.at() + " count " + s.count() + " severity " + s.severity() + ids;
    }
}
