package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.parse.FieldMapping;
import io.vigil.parse.GrokParserDefinition;
import io.vigil.parse.ParseResult;
import io.vigil.parse.ParserDefinitionException;
import io.vigil.parse.ParserRegistry;
import io.vigil.parse.RawEvent;
import io.vigil.state.ParserDefinitions.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.grok.MatcherWatchdog;

class ParserDefinitionsTest {
    private static final GrokParserDefinition KV = new GrokParserDefinition("kv_app",
            List.of("^user=%{USERNAME:user.name} ip=%{IP:source.ip}$"), Map.of(),
            List.of(new FieldMapping.Lowercase("user.name")), "kv.app");

    @TempDir
    Path dir;

    private ParserDefinitions open(ParserRegistry registry) throws IOException {
        return ParserDefinitions.open(dir, registry, MatcherWatchdog.noop());
    }

    @Test
    void registersADefinitionAtOnceAndLoadsItAgainAfterARestart() throws Exception {
        ParserRegistry registry = ParserRegistry.builtIn();
        ParserDefinitions store = open(registry);
        assertThat(store.create(KV)).isEqualTo(Outcome.DONE);
        ParseResult r = registry.find("kv_app").orElseThrow().parse(RawEvent.of("user=Bob ip=10.0.0.1"));
        assertThat(((ParseResult.Parsed) r).events().get(0).get("user.name")).isEqualTo("bob");
        assertThat(Files.readString(dir.resolve("state/parsers.json"))).contains("\"kv_app\"");
        assertThat(dir.resolve("state/parsers.json.tmp")).doesNotExist();

        ParserRegistry fresh = ParserRegistry.builtIn();
        ParserDefinitions again = open(fresh);
        assertThat(again.list()).containsExactly(KV);
        assertThat(fresh.types()).contains("kv_app", "nginx");
        assertThat(again.builtIn()).doesNotContain("kv_app").contains("nginx", "json");
    }

    @Test
    void refusesBuiltInNamesTakenNamesAndMissingOnes() throws Exception {
        ParserRegistry registry = ParserRegistry.builtIn();
        ParserDefinitions store = open(registry);
        assertThat(store.create(GrokParserDefinition.of("nginx", "%{GREEDYDATA:x}"))).isEqualTo(Outcome.BUILT_IN);
        assertThat(store.delete("json")).isEqualTo(Outcome.BUILT_IN);
        assertThat(store.replace(KV)).isEqualTo(Outcome.MISSING);
        assertThat(store.delete("kv_app")).isEqualTo(Outcome.MISSING);
        assertThat(store.create(KV)).isEqualTo(Outcome.DONE);
        assertThat(store.create(KV)).isEqualTo(Outcome.EXISTS);
        GrokParserDefinition changed = GrokParserDefinition.of("kv_app", "^%{GREEDYDATA:log.text}$");
        assertThat(store.replace(changed)).isEqualTo(Outcome.DONE);
        assertThat(store.get("kv_app")).contains(changed);
        assertThat(store.delete("kv_app")).isEqualTo(Outcome.DONE);
        assertThat(registry.find("kv_app")).isEmpty();
        assertThat(open(ParserRegistry.builtIn()).list()).isEmpty();
    }

    @Test
    void aDefinitionThatDoesNotCompileChangesNothing() throws Exception {
        ParserRegistry registry = ParserRegistry.builtIn();
        ParserDefinitions store = open(registry);
        store.create(KV);
        String before = Files.readString(dir.resolve("state/parsers.json"));
        assertThatThrownBy(() -> store.replace(GrokParserDefinition.of("kv_app", "%{NOPE:x}")))
                .isInstanceOf(ParserDefinitionException.class).hasMessageContaining("unknown pattern %{NOPE}");
        assertThat(store.get("kv_app")).contains(KV);
        assertThat(Files.readString(dir.resolve("state/parsers.json"))).isEqualTo(before);
        assertThat(registry.find("kv_app").orElseThrow().parse(RawEvent.of("user=a ip=10.0.0.1")))
                .isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void keepsTheLastGoodStateWhenTheFileCannotBeWritten() throws Exception {
        ParserRegistry registry = ParserRegistry.builtIn();
        ParserDefinitions store = open(registry);
        // A directory where the temporary file goes makes the write fail, even for root.
        Files.createDirectories(dir.resolve("state/parsers.json.tmp"));
        assertThatThrownBy(() -> store.create(KV)).isInstanceOf(IOException.class);
        assertThat(store.list()).isEmpty();
        assertThat(registry.find("kv_app")).isEmpty();
    }

    @Test
    void refusesToStartWithInvalidStoredDefinitionsAndNamesEveryOne() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/parsers.json"), """
                {"version": 1, "parsers": [
                  {"name": "good", "patterns": ["%{IP:source.ip}"]},
                  {"name": "bad_pattern", "patterns": ["%{IP:source.ip} %{NOPE}"]},
                  {"name": "nginx", "patterns": ["%{GREEDYDATA:x}"]},
                  {"name": "good", "patterns": ["%{WORD:x}"]},
                  {"name": "Bad Name", "patterns": []}
                ]}
                """);
        assertThatThrownBy(() -> open(ParserRegistry.builtIn()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds 4 invalid parser definition(s)")
                .hasMessageContaining("parsers[1]: invalid parser definition 'bad_pattern' (1 problem): patterns[0] column 17:"
                        + " unknown pattern %{NOPE}")
                .hasMessageContaining("parsers[2]: 'nginx' is now a built-in type")
                .hasMessageContaining("parsers[3]: a second parser named 'good'")
                .hasMessageContaining("parsers[4]: invalid parser definition 'Bad Name'");
        Files.writeString(dir.resolve("state/parsers.json"), "{\"parsers\": ");
        assertThatThrownBy(() -> open(ParserRegistry.builtIn())).isInstanceOf(IOException.class).hasMessageContaining("cannot read");
    }
}
