package io.vigil.parse;

import java.util.Locale;
import java.util.Map;

/**
 * IANA protocol numbers and their keywords, as ECS wants them in {@code network.iana_number} and
 * {@code network.transport}. Only the protocols firewalls and flow logs commonly report.
 */
final class IpProtocols {
    private IpProtocols() {}

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "icmp"), Map.entry(2, "igmp"), Map.entry(4, "ipv4"), Map.entry(6, "tcp"),
            Map.entry(17, "udp"), Map.entry(41, "ipv6"), Map.entry(47, "gre"), Map.entry(50, "esp"),
            Map.entry(51, "ah"), Map.entry(58, "ipv6-icmp"), Map.entry(89, "ospf"), Map.entry(103, "pim"),
            Map.entry(112, "vrrp"), Map.entry(132, "sctp"), Map.entry(136, "udplite"));
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("ipv6-icmp", 58),
            Map.entry("icmpv6", 58), Map.entry("ospf", 89), Map.entry("pim", 103), Map.entry("vrrp", 112),
            Map.entry("sctp", 132), Map.entry("udplite", 136));

    /** The IANA keyword for a protocol number, or null when not in the table. */
    static String name(int number) {
        return NAMES.get(number);
    }

    /** The protocol number for a name (any case, {@code ICMPv6} accepted), or null. */
    static Integer number(String name) {
        return NUMBERS.get(name.toLowerCase(Locale.ROOT));
    }
}
