package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled pattern bank: loaded whole, every pattern usable, licence shipped beside it. */
class GrokPatternsTest {

    @Test
    void loadsTheWholeEcsPatternSet() {
        Map<String, String> bundled = GrokPatterns.bundled();
        assertThat(bundled).hasSizeGreaterThan(350)
                .containsKeys("IP", "COMBINEDAPACHELOG", "HTTPD_ERRORLOG", "SYSLOGLINE", "HAPROXYHTTP", "CISCOFW106023");
        assertThat(bundled.get("HTTPD_COMMONLOG")).contains("%{IPORHOST:[source][address]}");
    }

    /** Lists every failure in one run, like a lint over shipped rules. */
    @Test
    void everyBundledPatternIsWellFormedAndCompiles() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> p : GrokPatterns.bundled().entrySet()) {
            GrokChecker.check(List.of(p.getValue()), Map.of(), GrokPatterns.bundled())
                    .forEach(problem -> failures.add(p.getKey() + ": " + problem));
            try {
                GrokParser.compile(GrokParserDefinition.of("bundled", "%{" + p.getKey() + "}"));
            } catch (ParserDefinitionException e) {
                failures.add(p.getKey() + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void movesCaptureTypesIntoTheCaptureName() {
        assertThat(GrokPatterns.typesInNames("%{INT:[http][response][status_code]:int} %{NUMBER:x:float} %{WORD:w}"))
                .isEqualTo("%{INT:[http][response][status_code]@int} %{NUMBER:x@float} %{WORD:w}");
    }

    @Test
    void shipsTheLicenceAndProvenanceBesideThePatterns() throws Exception {
        for (String file : List.of("/grok/LICENSE", "/grok/NOTICE.TXT", "/grok/README.md")) {
            try (InputStream in = GrokPatternsTest.class.getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
            }
        }
    }
}
