package io.vigil.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.demo.DemoTraffic;
import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.parse.ParserRegistry;
import io.vigil.store.lucene.LuceneEventStore;
import io.vigil.store.lucene.LuceneStoreConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One query language, two evaluators: for every query, the events the store finds and the events
 * {@link QueryMatcher} accepts in memory are the same set. Real Apache lines and the demo day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryMatcherAgreementTest {
    @TempDir
    static Path dir;
    LuceneEventStore store;
    List<Event> events;

    @BeforeAll
    void load() throws Exception {
        store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir));
        IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), store, Clock.systemUTC(), 1 << 20);
        List<String> lines = new ArrayList<>(DemoTraffic.generate(Instant.parse("2026-11-28T00:00:00Z"), 7));
        try (InputStream in = getClass().getResourceAsStream("/ingest/apache_logs.log")) {
            lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(4000).toList());
        }
        lines.add("garbage that does not parse");
        events = pipeline.toEvents("nginx", lines);
        events.get(0).put("labels.count", 7L).put("labels.ratio", 0.5).put("labels.flag", true);
        store.append(events);
        store.refresh();
    }

    @AfterAll
    void close() throws Exception {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "*",
        "http.response.status_code:[400 TO 499]",
        "http.response.status_code:{400 TO 404}",
        "http.response.status_code:(401 OR 403) AND http.request.method:POST",
        "source.ip:\"66.249.0.0/16\"",
        "source.ip:[10.0.0.0 TO 100.0.0.0]",
        "NOT http.response.status_code:200",
        "http.request.method:GET AND NOT url.original:*.png",
        "\"etc passwd\"",
        "passwd OR shadow",
        "url.original:*passwd*",
        "url.original:*passwd* OR url.original:*\\.env* OR url.original:*wp-login* OR url.path:\\/admin*",
        "http.request.method:POST AND (url.original:*login* OR url.original:*admin* OR user_agent.original:*curl*)",
        "url.original:\\/wp-*",
        "user_agent.original:*sqlmap* OR user_agent.original:*Nikto*",
        "login",
        "\"POST /login\"",
        "_exists_:user.name",
        "_exists_:http.request.referrer AND http.response.body.bytes:>1000",
        "http.response.body.bytes:[10000 TO *]",
        "@timestamp:[2026-11-27T12:00:00Z TO 2026-11-27T13:00:00Z}",
        "tags:_parse_failure",
        "event.dataset:nginx.access AND NOT source.ip:\"10.0.0.0/8\"",
        "labels.count:7 AND labels.ratio:[0.1 TO 1] AND labels.flag:true",
        "url.path:/.{0,3}dmin.*/",
        "message:/.*jndi.*/",
        "mozilla AND NOT chrome",
        "nosuchfield:x OR http.response.status_code:500",
    })
    void storeAndMatcherSelectTheSameEvents(String query) throws Exception {
        Set<String> fromStore = store.search(SearchRequest.of(query, null, SearchRequest.MAX_SIZE)).hits().stream()
                .map(Event::id).collect(Collectors.toCollection(TreeSet::new));
        long total = store.search(SearchRequest.of(query, null, 0)).total();
        QueryMatcher matcher = QueryMatcher.compile(query, store::fieldType);
        Set<String> inMemory = events.stream().filter(matcher::matches).map(Event::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(inMemory).hasSize((int) total);
        if (total <= SearchRequest.MAX_SIZE) {
            assertThat(inMemory).isEqualTo(fromStore);
        }
    }
}
