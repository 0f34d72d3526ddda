package io.vigil.enrich;

import com.maxmind.db.Reader;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import io.vigil.event.Cidr;
import io.vigil.event.ReservedNetworks;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Adds location and network owner to {@code source.*} and {@code destination.*} from MaxMind-format
 * databases: MaxMind GeoLite2/GeoIP2 City, Country and ASN, DB-IP, and the flat ip-location-db
 * records ({@code country_code}, {@code city}, {@code latitude}, {@code autonomous_system_number}).
 * Records are read generically, so any of these work and several can be combined (a city database
 * for places, an ASN database for owners).
 *
 * <p>Fields, each only when a database has it: {@code <side>.geo.country_iso_code},
 * {@code geo.country_name} (from the record, else the English name of the ISO code),
 * {@code geo.city_name}, {@code geo.location.lat} and {@code geo.location.lon} (doubles: the event
 * model is flat, so ECS's {@code geo_point} is stored as its two halves), {@code as.number},
 * {@code as.organization.name}. Private and reserved addresses are not looked up: they get
 * {@code <side>.geo.name} = {@code private} or {@code reserved} instead. A side that already has
 * {@code geo} or {@code as} fields from its parser is left alone.
 *
 * <p>Thread-safe; lookups are cached per address (LRU). A database error skips the lookup.
 */
public final class GeoIpEnricher implements Enricher, Closeable {
    /** Database files by kind; any may be null. */
    public record Databases(Path city, Path asn, Path country) {
        public boolean any() {
            return city != null || asn != null || country != null;
        }

        /** Non-null paths, most specific first: city records also carry the country. */
        List<Path> ordered() {
            List<Path> out = new ArrayList<>();
            for (Path p : new Path[] {city, country, asn}) {
                if (p != null) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    public static final int CACHE_SIZE = 50_000;
    /** Every field {@link GeoRecord#read} and {@link #resolve} write, relative to the side. */
    private static final List<String> SUFFIXES = List.of("geo.country_iso_code", "geo.country_name", "geo.city_name",
            "geo.location.lat", "geo.location.lon", "as.number", "as.organization.name", "geo.name");
    private static final List<Side> SIDES = List.of(Side.of("source"), Side.of("destination"));

    /** One side's field names, made once: enrichment runs for every event and should not build strings. */
    private record Side(String ip, Map<String, String> fields) {
        static Side of(String side) {
            Map<String, String> fields = new java.util.HashMap<>();
            SUFFIXES.forEach(s -> fields.put(s, side + "." + s));
            return new Side(side + ".ip", Map.copyOf(fields));
        }

        String field(String suffix) {
            String f = fields.get(suffix);
            return f != null ? f : ip.substring(0, ip.length() - 2) + suffix;
        }

        /** Whether the parser already gave this side a place or an owner. */
        boolean enriched(Event event) {
            return event.has(field("geo.country_iso_code")) || event.has(field("geo.name")) || event.has(field("as.number"));
        }
    }

    private final List<Reader> readers;
    private final LruCache<String, Map<String, Object>> cache = new LruCache<>(CACHE_SIZE);

    private GeoIpEnricher(List<Reader> readers) {
        this.readers = List.copyOf(readers);
    }

    /**
     * Opens the configured databases.
     *
     * @return empty when none is configured (GeoIP is off)
     * @throws IOException when a configured file cannot be read as a MaxMind DB
     */
    public static Optional<GeoIpEnricher> open(Databases databases) throws IOException {
        if (!databases.any()) {
            return Optional.empty();
        }
        List<Reader> readers = new ArrayList<>();
        try {
            for (Path p : databases.ordered()) {
                readers.add(new Reader(p.toFile()));
            }
        } catch (IOException | RuntimeException e) {
            for (Reader r : readers) {
                r.close();
            }
            throw new IOException("cannot open GeoIP database: " + e.getMessage(), e);
        }
        return Optional.of(new GeoIpEnricher(readers));
    }

    /** Database type names from their metadata (e.g. {@code GeoLite2-City}), for the start-up log. */
    public List<String> databaseTypes() {
        return readers.stream().map(r -> r.getMetadata().databaseType()).toList();
    }

    @Override
    public void enrich(Event event) {
        for (Side side : SIDES) {
            String ip = event.getString(side.ip());
            if (ip == null || side.enriched(event)) {
                continue;
            }
            for (Map.Entry<String, Object> f : lookup(ip).entrySet()) {
                event.put(side.field(f.getKey()), f.getValue());
            }
        }
    }

    /** The fields (relative to the side: {@code geo.country_iso_code}, ...) for an address; empty when unknown. */
    public Map<String, Object> lookup(String ip) {
        return cache.get(ip, this::resolve);
    }

    private Map<String, Object> resolve(String ip) {
        InetAddress address = IpAddresses.parse(ip);
        if (address == null) {
            return Map.of();
        }
        Optional<ReservedNetworks.Kind> kind = ReservedNetworks.kindOf(Cidr.of(address));
        if (kind.isPresent()) {
            return Map.of("geo.name", kind.get().id());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Reader r : readers) {
            try {
                Map<?, ?> record = r.get(address, Map.class);
                if (record != null) {
                    GeoRecord.read(record, out);
                }
            } catch (IOException | RuntimeException e) {
                // A damaged record skips this database for this address; enrichment is never fatal.
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public void close() throws IOException {
        for (Reader r : readers) {
            r.close();
        }
    }

    /** Reads the fields Vigil uses from a MaxMind-shaped or flat record, keeping values already found. */
    static final class GeoRecord {
        private GeoRecord() {}

        static void read(Map<?, ?> r, Map<String, Object> out) {
            String iso = text(first(path(r, "country", "iso_code"), path(r, "registered_country", "iso_code"),
                    r.get("country_code")));
            put(out, "geo.country_iso_code", iso);
            String name = text(path(r, "country", "names", "en"));
            if (name == null && iso != null && iso.length() == 2) {
                String display = new Locale("", iso).getDisplayCountry(Locale.ENGLISH);
                name = display.isEmpty() || display.equalsIgnoreCase(iso) ? null : display;
            }
            put(out, "geo.country_name", name);
            Object city = r.get("city");
            put(out, "geo.city_name", text(city instanceof Map<?, ?> ? path(r, "city", "names", "en") : city));
            Double lat = number(first(path(r, "location", "latitude"), r.get("latitude")));
            Double lon = number(first(path(r, "location", "longitude"), r.get("longitude")));
            if (lat != null && lon != null) {
                put(out, "geo.location.lat", lat);
                put(out, "geo.location.lon", lon);
            }
            Object asn = first(r.get("autonomous_system_number"), r.get("asn"));
            Double n = number(asn instanceof String s && s.toUpperCase(Locale.ROOT).startsWith("AS") ? s.substring(2) : asn);
            put(out, "as.number", n == null ? null : n.longValue());
            put(out, "as.organization.name", text(first(r.get("autonomous_system_organization"),
                    r.get("as_organization"), r.get("asn_organization"))));
        }

        private static void put(Map<String, Object> out, String key, Object value) {
            if (value != null) {
                out.putIfAbsent(key, value);
            }
        }

        private static Object path(Map<?, ?> r, String... keys) {
            Object v = r;
            for (String k : keys) {
                if (!(v instanceof Map<?, ?> m)) {
                    return null;
                }
                v = m.get(k);
            }
            return v;
        }

        private static Object first(Object... values) {
            for (Object v : values) {
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        private static String text(Object v) {
            return v instanceof String s && !s.isBlank() ? s : null;
        }

        private static Double number(Object v) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }
}
