package io.vigil.event;

import java.util.List;
import java.util.Optional;

/**
 * Address space that is not routed on the Internet: private networks (RFC 1918, shared address
 * space, unique local IPv6) and reserved blocks (loopback, link-local, unspecified, multicast,
 * future use). Internal traffic is full of these, so they are never looked up in GeoIP databases
 * and feed entries that overlap them (FireHOL level 1 lists the bogons) are left out of matching:
 * otherwise every internal event would be flagged. Documentation ranges (TEST-NET) are public here
 * on purpose: they never occur in real traffic and tests rely on them.
 */
public final class ReservedNetworks {
    /** What kind of non-public space an address is in. */
    public enum Kind {
        PRIVATE, RESERVED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Block(Cidr network, Kind kind) {}

    private static final List<Block> BLOCKS = List.of(
            block("10.0.0.0/8", Kind.PRIVATE),
            block("172.16.0.0/12", Kind.PRIVATE),
            block("192.168.0.0/16", Kind.PRIVATE),
            block("100.64.0.0/10", Kind.PRIVATE),
            block("fc00::/7", Kind.PRIVATE),
            block("0.0.0.0/8", Kind.RESERVED),
            block("127.0.0.0/8", Kind.RESERVED),
            block("169.254.0.0/16", Kind.RESERVED),
            block("224.0.0.0/4", Kind.RESERVED),
            block("240.0.0.0/4", Kind.RESERVED),
            block("::/128", Kind.RESERVED),
            block("::1/128", Kind.RESERVED),
            block("fe80::/10", Kind.RESERVED),
            block("ff00::/8", Kind.RESERVED));

    private ReservedNetworks() {}

    private static Block block(String cidr, Kind kind) {
        return new Block(Cidr.parse(cidr).orElseThrow(), kind);
    }

    /** The kind of non-public space the address is in, or empty for a public address. */
    public static Optional<Kind> kindOf(Cidr address) {
        for (Block b : BLOCKS) {
            if (b.network().contains(address)) {
                return Optional.of(b.kind());
            }
        }
        return Optional.empty();
    }

    /** True when the network shares any address with private or reserved space. */
    public static boolean overlaps(Cidr network) {
        for (Block b : BLOCKS) {
            if (b.network().overlaps(network)) {
                return true;
            }
        }
        return false;
    }
}
