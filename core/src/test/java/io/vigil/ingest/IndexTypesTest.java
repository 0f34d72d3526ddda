package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.parse.JsonParser;
import io.vigil.parse.ParserRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexTypesTest {
    final ParserRegistry registry = ParserRegistry.builtIn();
    final IndexTypes types = new IndexTypes(registry);

    @Test
    void readsTheTypeFromIndexNamesListedInTheTable() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String line : table()) {
            String[] cols = line.split("\t");
            Optional<String> expected = cols[1].equals("-") ? Optional.empty() : Optional.of(cols[1]);
            Optional<String> actual = types.forIndex(cols[0]);
            if (!actual.equals(expected)) {
                failures.add(cols[0] + ": expected " + cols[1] + ", got " + actual.orElse("-"));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void fallsBackToTypeFieldsThenToJson() throws IOException {
        assertThat(types.choose("filebeat-8.11.0", doc("{\"message\":\"x\",\"event\":{\"dataset\":\"nginx.access\"}}"))).isEqualTo("nginx");
        assertThat(types.choose("app", doc("{\"message\":\"x\",\"event.dataset\":\"apache.access\"}"))).isEqualTo("apache");
        assertThat(types.choose("app", doc("{\"message\":\"x\",\"fields\":{\"type\":\"nginx\"}}"))).isEqualTo("nginx");
        assertThat(types.choose("app", doc("{\"message\":\"x\",\"log_type\":\"httpd\"}"))).isEqualTo("apache");
        assertThat(types.choose("app", doc("{\"message\":\"x\",\"type\":\"widget\"}"))).isEqualTo("json");
        assertThat(types.choose("app", doc("{\"message\":\"x\",\"type\":\"syslog\"}"))).isEqualTo("syslog");
        assertThat(types.choose(null, doc("{\"message\":\"x\"}"))).isEqualTo("json");
    }

    @Test
    void theIndexNameWinsOverFields() throws IOException {
        assertThat(types.choose("apache-2024.01.01", doc("{\"message\":\"x\",\"event\":{\"dataset\":\"nginx.access\"}}")))
                .isEqualTo("apache");
    }

    @Test
    void aDocumentWithoutMessageStaysStructuredJson() throws IOException {
        assertThat(types.choose("nginx", doc("{\"status\":200}"))).isEqualTo("json");
        assertThat(types.choose("nginx", doc("{\"message\":{\"nested\":true}}"))).isEqualTo("json");
    }

    @Test
    void typesRegisteredAtRunTimeCount() {
        assertThat(types.forIndex("pfsense_filter-2024.01.01")).isEmpty();
        registry.register("pfsense_filter", new JsonParser("pfsense.filter"));
        assertThat(types.forIndex("pfsense_filter-2024.01.01")).contains("pfsense_filter");
        assertThat(types.forDataset("pfsense_filter")).contains("pfsense_filter");
    }

    private static JsonNode doc(String json) throws IOException {
        return EventJson.MAPPER.readTree(json);
    }

    private static List<String> table() throws IOException {
        try (InputStream in = IndexTypesTest.class.getResourceAsStream("/ingest/index-types.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
