package io.vigil.intel.feeds;

import io.vigil.enrich.GeoIpEnricher;
import io.vigil.query.DateMath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threat intelligence and GeoIP settings. YAML:
 * <pre>
 * geoip:
 *   city: /var/lib/vigil/GeoLite2-City.mmdb     # any MaxMind-format file; each key optional
 *   asn: /var/lib/vigil/GeoLite2-ASN.mmdb
 *   country: /var/lib/vigil/geo-whois-asn-country.mmdb
 * intel:
 *   auto_refresh: true        # fetch feeds on their schedule (false: cache and uploads only)
 *   first_refresh_after: 1m   # wait after start before the first fetch
 *   retro_hunt: 7d            # how far back a refresh that adds addresses searches stored events
 * </pre>
 * Environment: {@code VIGIL_GEOIP_CITY}, {@code VIGIL_GEOIP_ASN}, {@code VIGIL_GEOIP_COUNTRY},
 * {@code VIGIL_INTEL_AUTO_REFRESH}, {@code VIGIL_INTEL_RETRO_HUNT}; {@code VIGIL_GEOIP_DEFAULT_COUNTRY} is
 * used only when no database is configured (the {@code ./vigil} script points it at the
 * ip-location-db country database it fetches). No GeoIP path: GeoIP is off, said once at start.
 */
public record IntelSettings(GeoIpEnricher.Databases geoip, boolean autoRefresh, Duration firstRefreshAfter,
                            Duration retroHunt) {
    public static final Set<String> GEOIP_KEYS = Set.of("city", "asn", "country");
    public static final Set<String> INTEL_KEYS = Set.of("auto_refresh", "first_refresh_after", "retro_hunt");

    public IntelSettings {
        if (retroHunt.isNegative() || firstRefreshAfter.isNegative()) {
            throw new IllegalArgumentException("intel durations must not be negative");
        }
    }

    public static IntelSettings defaults() {
        return new IntelSettings(new GeoIpEnricher.Databases(null, null, null), true, Duration.ofMinutes(1),
                Duration.ofDays(7));
    }

    /**
     * Applies the {@code geoip:} and {@code intel:} sections of a YAML file (either may be null).
     *
     * @throws IllegalArgumentException naming unknown keys and bad values, all at once
     */
    public IntelSettings withYaml(String origin, Object geoipSection, Object intelSection) {
        List<String> problems = new ArrayList<>();
        GeoIpEnricher.Databases g = geoip;
        if (geoipSection instanceof Map<?, ?> m) {
            unknown("geoip.", m, GEOIP_KEYS, problems);
            g = new GeoIpEnricher.Databases(path(m.get("city"), g.city()), path(m.get("asn"), g.asn()),
                    path(m.get("country"), g.country()));
        } else if (geoipSection != null) {
            problems.add("geoip must be a mapping with city, asn and/or country");
        }
        IntelSettings s = new IntelSettings(g, autoRefresh, firstRefreshAfter, retroHunt);
        if (intelSection instanceof Map<?, ?> m) {
            unknown("intel.", m, INTEL_KEYS, problems);
            s = s.with(m.get("auto_refresh"), m.get("first_refresh_after"), m.get("retro_hunt"), problems);
        } else if (intelSection != null) {
            problems.add("intel must be a mapping with " + INTEL_KEYS);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(origin + ": " + String.join("; ", problems));
        }
        return s;
    }

    /** Applies {@code VIGIL_GEOIP_*} and {@code VIGIL_INTEL_*}. */
    public IntelSettings withEnvironment(Map<String, String> env) {
        GeoIpEnricher.Databases g = new GeoIpEnricher.Databases(path(env.get("VIGIL_GEOIP_CITY"), geoip.city()),
                path(env.get("VIGIL_GEOIP_ASN"), geoip.asn()), path(env.get("VIGIL_GEOIP_COUNTRY"), geoip.country()));
        if (g.city() == null && g.asn() == null && g.country() == null && env.get("VIGIL_GEOIP_DEFAULT_COUNTRY") != null) {
            // The database the ./vigil script sets up; any configured database wins over it.
            g = new GeoIpEnricher.Databases(null, null, path(env.get("VIGIL_GEOIP_DEFAULT_COUNTRY"), null));
        }
        List<String> problems = new ArrayList<>();
        IntelSettings s = new IntelSettings(g, autoRefresh, firstRefreshAfter, retroHunt)
                .with(env.get("VIGIL_INTEL_AUTO_REFRESH"), null, env.get("VIGIL_INTEL_RETRO_HUNT"), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("environment: " + String.join("; ", problems));
        }
        return s;
    }

    private IntelSettings with(Object auto, Object firstAfter, Object retro, List<String> problems) {
        boolean a = autoRefresh;
        if (auto != null) {
            String v = auto.toString().trim();
            if (!v.equals("true") && !v.equals("false")) {
                problems.add("auto_refresh must be true or false, got '" + v + "'");
            }
            a = Boolean.parseBoolean(v);
        }
        return new IntelSettings(geoip, a, duration(firstAfter, firstRefreshAfter, "first_refresh_after", problems),
                duration(retro, retroHunt, "retro_hunt", problems));
    }

    private static Duration duration(Object v, Duration fallback, String key, List<String> problems) {
        if (v == null) {
            return fallback;
        }
        if (v.toString().trim().equals("0")) {
            return Duration.ZERO;
        }
        try {
            return DateMath.duration(v.toString());
        } catch (RuntimeException e) {
            problems.add(key + ": " + e.getMessage());
            return fallback;
        }
    }

    private static Path path(Object v, Path fallback) {
        return v == null || v.toString().isBlank() ? fallback : Path.of(v.toString().trim());
    }

    private static void unknown(String prefix, Map<?, ?> m, Set<String> known, List<String> problems) {
        m.keySet().stream().map(Object::toString).filter(k -> !known.contains(k)).sorted()
                .forEach(k -> problems.add("unknown setting " + prefix + k + "; known: " + known.stream().sorted().toList()));
    }
}
