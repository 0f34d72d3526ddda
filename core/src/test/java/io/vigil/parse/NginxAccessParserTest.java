package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code nginx} and {@code apache} types: golden lines, failure reasons, and the hostile input contract. */
class NginxAccessParserTest implements HostileInputContract {
    private final NginxAccessParser parser = new NginxAccessParser("nginx.access");

    @Override
    public Parser parserUnderTest() {
        return parser;
    }

    @Override
    public List<String> validSamples() {
        try {
            return resource("/parse/nginx/access.log").lines().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean keepsTheRecordAsMessage() {
        return true;
    }

    @Override
    public String datasetOfEveryEvent() {
        return "nginx.access";
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = NginxAccessParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesCombinedAndCommonLinesIntoEcsFields() throws Exception {
        List<String> lines = resource("/parse/nginx/access.log").lines().toList();
        JsonNode expected = EventJson.MAPPER.readTree(resource("/parse/nginx/access.expected.json"));
        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            ParseResult result = parser.parse(RawEvent.of(lines.get(i)));
            assertThat(result).as("line %d", i + 1).isInstanceOf(ParseResult.Parsed.class);
            Event event = ((ParseResult.Parsed) result).events().get(0);
            assertThat(event.get("message")).isEqualTo(lines.get(i));
            Iterator<Map.Entry<String, JsonNode>> fields = expected.get(i).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                Object actual = event.get(f.getKey());
                if (actual instanceof Instant t) {
                    actual = t.toString();
                }
                assertThat(actual).as("line %d field %s", i + 1, f.getKey()).isEqualTo(EventJson.fromNode(f.getValue()));
            }
        }
    }

    @Test
    void explainsWhyALineIsNotAnAccessLogLine() {
        ParseResult r = parser.parse(RawEvent.of("Nov 28 10:00:00 host sshd[1]: Accepted password for bob"));
        assertThat(r).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.reason()).contains("not an access log line"));
        ParseResult badTime = parser.parse(RawEvent.of("1.2.3.4 - - [99/Foo/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1"));
        assertThat(badTime).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.reason()).contains("unreadable time"));
    }

    @Test
    void leavesOutAByteCountTooLargeToBeOneInsteadOfFailing() {
        ParseResult r = parser.parse(RawEvent.of(
                "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 99999999999999999999 \"-\" \"x\""));
        assertThat(r).isInstanceOfSatisfying(ParseResult.Parsed.class, p -> {
            assertThat(p.events().get(0).get("http.response.status_code")).isEqualTo(200L);
            assertThat(p.events().get(0).has("http.response.body.bytes")).isFalse();
        });
    }
}
