package io.vigil.intel;

import io.vigil.rules.Rule;
import io.vigil.rules.RuleFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in rule {@code threat-intel-ip-match}: a match rule on
 * {@code _exists_:security.ioc.malicious_ip}, grouped by the address and throttled, so the
 * existing engine turns intel matches into security events. It ships as a reviewed YAML file with
 * samples ({@code intel/threat-intel-ip-match.yml} in the jar), outside the rule pack's index,
 * and joins the built-in rules through {@link #addTo}.
 */
public final class ThreatIntelRule {
    public static final String ID = "threat-intel-ip-match";
    /** The resource holding the rule; its samples are under {@code intel/tests/threat-intel-ip-match/}. */
    public static final String RESOURCE = "intel/threat-intel-ip-match.yml";

    private ThreatIntelRule() {}

    /** The rule as shipped. */
    public static Rule load() {
        try (InputStream in = ThreatIntelRule.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return RuleFormat.parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in rules plus this one; a pack that already has the id keeps its own. */
    public static Map<String, Rule> addTo(Map<String, Rule> builtIns) {
        Map<String, Rule> all = new LinkedHashMap<>(builtIns);
        all.putIfAbsent(ID, load());
        return all;
    }
}
