package io.vigil.intel;

/**
 * The built-in rule {@code threat-intel-ip-match} (in the rule pack, {@code rules/intel/}): a match
 * rule on {@code _exists_:security.ioc.malicious_ip}, grouped by the address and throttled, so
 * the engine turns intel matches into security events; the retro-hunt raises the same rule.
 */
public final class ThreatIntelRule {
    public static final String ID = "threat-intel-ip-match";

    private ThreatIntelRule() {}
}
