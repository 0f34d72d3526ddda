package io.vigil.bench;

import io.vigil.event.Cidr;
import io.vigil.intel.FeedDefinition;
import io.vigil.rules.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deterministic population of indicators spread over a few synthetic feeds, addressable by
 * index (entry {@code i} is a pure function of the seed and {@code i}, so nothing has to be kept
 * to draw hits from it later): 70 % IPv4 addresses, 15 % IPv4 networks /16 to /30 (longer
 * prefixes far more common, as in real feeds: half are /30, one in 2^14 is /16, covering about
 * 1 % of the IPv4 space in all), 15 % IPv6 (two thirds addresses, one third /48 to /64 prefixes
 * in 2000::/3). Entry {@code i} belongs to feed {@code i % feeds}.
 */
final class SyntheticIocs {
    static final int FEEDS = 8;
    private static final String[] CONTEXTS = {"Malicious Host", "Scanning Host", "Botnet C&C", "Spamming",
        "Attacking Host", "Hijacked Network", "Tor Exit Node", "Compromised Host"};
    private static final Severity[] SEVERITIES = {Severity.MEDIUM, Severity.LOW, Severity.CRITICAL, Severity.LOW,
        Severity.MEDIUM, Severity.HIGH, Severity.LOW, Severity.HIGH};

    private final long seed;
    private final int count;

    SyntheticIocs(long seed, int count) {
        this.seed = seed;
        this.count = count;
    }

    int count() {
        return count;
    }

    /** The synthetic feeds' definitions, feed {@code f} named {@code synthetic_f}. */
    static List<FeedDefinition> feeds() {
        List<FeedDefinition> out = new ArrayList<>();
        for (int f = 0; f < FEEDS; f++) {
            out.add(new FeedDefinition("synthetic_" + f, null, "netset", true, Duration.ofHours(1), CONTEXTS[f],
                    SEVERITIES[f], 50 + 5 * f, Map.of(), "Synthetic benchmark feed " + f));
        }
        return out;
    }

    /** Entry {@code i}; {@code variant} other than 0 gives a different population (a changed feed). */
    Cidr entry(long i, long variant) {
        long h = mix(seed ^ mix(i * 0x9E3779B97F4A7C15L + variant));
        int kind = (int) Long.remainderUnsigned(h, 100);
        long r = mix(h);
        if (kind < 70) {
            return new Cidr(false, 0, r & 0xFFFF_FFFFL, 32);
        }
        if (kind < 85) {
            // Geometric: /30 half the time, each shorter prefix half as often, /16 the rest.
            int shorter = Math.min(14, Long.numberOfTrailingZeros(r >>> 32 | 1L << 31));
            return new Cidr(false, 0, r & 0xFFFF_FFFFL, 30 - shorter);
        }
        long hi = 0x2000_0000_0000_0000L | (r >>> 3);
        long lo = mix(r);
        return kind < 95 ? new Cidr(true, hi, lo, 128) : new Cidr(true, hi, lo, 48 + (int) ((lo >>> 1) % 17));
    }

    /** One feed's body in {@code netset} form: one network per line. */
    String body(int feed, long variant) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, (count / FEEDS + 1) * 16L));
        sb.append("# synthetic feed ").append(feed).append('\n');
        for (long i = feed; i < count; i += FEEDS) {
            sb.append(entry(i, variant)).append('\n');
        }
        return sb.toString();
    }

    /** An address inside a random entry: a hit. */
    Cidr hit(long r) {
        Cidr e = entry(Long.remainderUnsigned(r, count), 0);
        long s = mix(r);
        if (!e.ipv6()) {
            long size = 1L << (32 - e.prefix());
            return new Cidr(false, 0, e.lo() + Long.remainderUnsigned(s, size), 32);
        }
        long lo = e.prefix() <= 64 ? s : e.lo();
        return new Cidr(true, e.hi(), lo, 128);
    }

    /** A random address of the same family mix: almost always a miss. */
    static Cidr random(long r) {
        long s = mix(r);
        if (Long.remainderUnsigned(r, 100) < 85) {
            return new Cidr(false, 0, s & 0xFFFF_FFFFL, 32);
        }
        return new Cidr(true, 0x2000_0000_0000_0000L | (s >>> 3), mix(s), 128);
    }

    /** SplitMix64's finaliser: a cheap, well-mixed bijection of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
