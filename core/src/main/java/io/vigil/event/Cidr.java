package io.vigil.event;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network: a 128- or 32-bit address with its host bits cleared and a prefix
 * length. One address is a network of full length ({@code /32}, {@code /128}).
 *
 * <p>IPv4 lives in the low 32 bits of {@code lo} with {@code hi = 0}. An IPv4-mapped IPv6 address
 * ({@code ::ffff:192.0.2.1}) is read as IPv4, so a feed's IPv4 entry matches whichever spelling a
 * log uses. Parsing never touches DNS and never throws: text that is not an address gives empty.
 *
 * @param ipv6 the address family
 * @param hi the upper 64 bits of an IPv6 address; 0 for IPv4
 * @param lo the lower 64 bits of an IPv6 address, or the IPv4 address as an unsigned 32-bit value
 * @param prefix network bits, 0 to 32 (IPv4) or 0 to 128 (IPv6)
 */
public record Cidr(boolean ipv6, long hi, long lo, int prefix) implements Comparable<Cidr> {
    private static final long V4_MASK = 0xFFFF_FFFFL;

    public Cidr {
        int bits = ipv6 ? 128 : 32;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + (ipv6 ? "IPv6" : "IPv4"));
        }
        if (!ipv6 && (hi != 0 || (lo & ~V4_MASK) != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
        // Host bits are cleared so that equal networks are equal records.
        hi &= hiMask(ipv6, prefix);
        lo &= loMask(ipv6, prefix);
    }

    /** The network or address a text names ({@code 198.51.100.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}). */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return address(s);
        }
        Optional<Cidr> address = address(s.substring(0, slash));
        int prefix = parsePrefix(s.substring(slash + 1));
        if (address.isEmpty() || prefix < 0) {
            return Optional.empty();
        }
        Cidr a = address.get();
        int bits = a.ipv6 ? 128 : 32;
        // An IPv4-mapped IPv6 network (::ffff:0:0/96 and longer) becomes the IPv4 network it covers.
        if (!a.ipv6 && s.indexOf(':') >= 0) {
            prefix -= 96;
        }
        if (prefix < 0 || prefix > bits) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(a.ipv6, a.hi, a.lo, prefix));
    }

    /** The single address a text names, without DNS; empty for anything else (a CIDR, a host name). */
    public static Optional<Cidr> address(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        long v4 = parseIpv4(text);
        if (v4 >= 0) {
            return Optional.of(new Cidr(false, 0, v4, 32));
        }
        if (text.indexOf(':') < 0) {
            return Optional.empty();
        }
        InetAddress address = IpAddresses.parse(text);
        return address == null ? Optional.empty() : Optional.of(of(address));
    }

    /** The address as a full-length network; IPv4-mapped IPv6 becomes IPv4. */
    public static Cidr of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return new Cidr(false, 0, toLong(b, 0, 4), 32);
        }
        long hi = toLong(b, 0, 8);
        long lo = toLong(b, 8, 8);
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return new Cidr(false, 0, lo & V4_MASK, 32);
        }
        return new Cidr(true, hi, lo, 128);
    }

    /** The dotted-quad value as an unsigned 32-bit number, or -1 when the text is not exactly one. */
    public static long parseIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long value = 0;
        int part = -1;
        int parts = 0;
        int digits = 0;
        for (int i = 0; i <= n; i++) {
            char c = i == n ? '.' : s.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part < 0 ? c - '0' : part * 10 + (c - '0');
                if (part > 255 || ++digits > 3) {
                    return -1;
                }
            } else if (c == '.') {
                if (part < 0 || ++parts > 4) {
                    return -1;
                }
                value = value << 8 | part;
                part = -1;
                digits = 0;
            } else {
                return -1;
            }
        }
        return parts == 4 ? value : -1;
    }

    private static int parsePrefix(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long toLong(byte[] b, int from, int length) {
        long v = 0;
        for (int i = from; i < from + length; i++) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    private static long hiMask(boolean ipv6, int prefix) {
        if (!ipv6) {
            return 0;
        }
        if (prefix == 0) {
            return 0; // a shift by 64 is a shift by 0 in Java
        }
        return prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    private static long loMask(boolean ipv6, int prefix) {
        if (!ipv6) {
            return V4_MASK << (32 - prefix) & V4_MASK;
        }
        return prefix <= 64 ? 0 : -1L << (128 - prefix);
    }

    /** Address bits: 32 or 128. */
    public int bits() {
        return ipv6 ? 128 : 32;
    }

    /** True for one address rather than a wider network. */
    public boolean isAddress() {
        return prefix == bits();
    }

    /** The upper 64 bits of the last address in the network (0 for IPv4). */
    public long lastHi() {
        return hi | ~hiMask(ipv6, prefix);
    }

    /** The lower bits of the last address in the network. */
    public long lastLo() {
        return ipv6 ? lo | ~loMask(true, prefix) : lo | (~loMask(false, prefix) & V4_MASK);
    }

    /** True when every address of {@code other} is in this network (same family only). */
    public boolean contains(Cidr other) {
        return ipv6 == other.ipv6 && other.prefix >= prefix
                && (other.hi & hiMask(ipv6, prefix)) == hi && (other.lo & loMask(ipv6, prefix)) == lo;
    }

    /** True when the two networks share an address: for prefixes, one contains the other. */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** Orders by family (IPv4 first), then first address, then prefix. */
    @Override
    public int compareTo(Cidr o) {
        if (ipv6 != o.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        if (c == 0) {
            c = Long.compareUnsigned(lo, o.lo);
        }
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    /** The address alone for a full-length network, else {@code address/prefix}; IPv6 in RFC 5952 form. */
    @Override
    public String toString() {
        String address = ipv6 ? ipv6Text() : (lo >>> 24) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
        return isAddress() ? address : address + "/" + prefix;
    }

    private String ipv6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i) & 0xFFFF);
            groups[i + 4] = (int) (lo >>> (48 - 16 * i) & 0xFFFF);
        }
        // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
