package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code KEY=VALUE} and flag tokens of a netfilter log line, split at {@code PROTO=} into the
 * IP part and the transport part, because some keys ({@code LEN}, {@code ID}) occur in both with
 * different meanings. Not thread-safe; one per line.
 */
final class NetfilterFields {
    private static final Set<String> TCP_FLAGS = Set.of("CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN");
    /** Keys mapped to ECS or typed iptables fields; anything else goes to iptables.<key>. */
    private static final Set<String> KNOWN = Set.of(
            "IN", "OUT", "MAC", "SRC", "DST", "LEN", "TOS", "TC", "PREC", "TTL", "HOPLIMIT", "ID", "FLOWLBL",
            "PROTO", "SPT", "DPT", "WINDOW", "RES", "URGP", "SEQ", "ACK", "TYPE", "CODE", "UID", "GID", "FRAG");

    private final Map<String, String> ip = new LinkedHashMap<>();
    private final Map<String, String> transport = new LinkedHashMap<>();
    private final List<String> ipFlags = new ArrayList<>(2);
    private final List<String> tcpFlags = new ArrayList<>(4);

    private NetfilterFields() {}

    /** Reads the tokens of {@code text}, which starts at the first field. */
    static NetfilterFields read(String text) {
        NetfilterFields f = new NetfilterFields();
        boolean afterProto = false;
        boolean quoted = false;
        for (String token : text.split(" ")) {
            // An ICMP error quotes the offending packet in brackets; its fields are not this packet's.
            if (quoted || token.startsWith("[")) {
                quoted = !token.endsWith("]");
                continue;
            }
            int eq = token.indexOf('=');
            if (eq > 0) {
                String key = token.substring(0, eq);
                Map<String, String> target = afterProto ? f.transport : f.ip;
                target.putIfAbsent(key, token.substring(eq + 1));
                afterProto |= key.equals("PROTO");
            } else if (!token.isEmpty()) {
                (afterProto ? f.tcpFlags : f.ipFlags).add(token);
            }
        }
        return f;
    }

    String source() {
        return ip.get("SRC");
    }

    String destination() {
        return ip.get("DST");
    }

    void putInto(Event e) {
        Endpoints.put(e, "source", ip.get("SRC"), transport.get("SPT"));
        Endpoints.put(e, "destination", ip.get("DST"), transport.get("DPT"));
        e.put("network.type", ip.get("SRC").indexOf(':') >= 0 ? "ipv6" : "ipv4");
        interfaces(e);
        mac(ip.get("MAC"), e);
        String proto = protocol(e);
        e.put("iptables.length", Endpoints.number(ip.get("LEN")));
        e.put("iptables.id", Endpoints.number(ip.get("ID")));
        e.put("iptables.ttl", Endpoints.number(first(ip.get("TTL"), ip.get("HOPLIMIT"))));
        e.put("iptables.tos", hex(first(ip.get("TOS"), ip.get("TC"))));
        e.put("iptables.precedence_bits", hex(ip.get("PREC")));
        e.put("iptables.flow_label", Endpoints.number(ip.get("FLOWLBL")));
        e.put("iptables.fragment_offset", Endpoints.number(ip.get("FRAG")));
        if (!ipFlags.isEmpty()) {
            e.put("iptables.fragment_flags", List.copyOf(ipFlags));
        }
        transport(proto, e);
        e.put("user.id", transport.getOrDefault("UID", ip.get("UID")));
        e.put("group.id", transport.getOrDefault("GID", ip.get("GID")));
        others(e);
    }

    private void interfaces(Event e) {
        String in = ip.getOrDefault("IN", "");
        String out = ip.getOrDefault("OUT", "");
        if (!in.isEmpty()) {
            e.put("observer.ingress.interface.name", in);
        }
        if (!out.isEmpty()) {
            e.put("observer.egress.interface.name", out);
        }
        if (!in.isEmpty() && out.isEmpty()) {
            e.put("network.direction", "ingress");
        } else if (in.isEmpty() && !out.isEmpty()) {
            e.put("network.direction", "egress");
        }
    }

    /** network.transport and network.iana_number; answers the lower-cased keyword or number. */
    private String protocol(Event e) {
        String proto = ip.get("PROTO");
        if (proto == null || proto.isEmpty()) {
            return "";
        }
        Long number = Endpoints.number(proto);
        if (number != null) {
            String name = number <= 255 ? IpProtocols.name(number.intValue()) : null;
            e.put("network.iana_number", proto);
            e.put("network.transport", name);
            return name == null ? proto : name;
        }
        String name = proto.toLowerCase(Locale.ROOT);
        if (name.equals("icmpv6")) {
            name = "ipv6-icmp";
        }
        e.put("network.transport", name);
        Integer iana = IpProtocols.number(name);
        e.put("network.iana_number", iana == null ? null : iana.toString());
        return name;
    }

    private void transport(String proto, Event e) {
        switch (proto) {
            case "tcp" -> {
                e.put("iptables.tcp.window", Endpoints.number(transport.get("WINDOW")));
                e.put("iptables.tcp.reserved_bits", hex(transport.get("RES")));
                e.put("iptables.tcp.seq", Endpoints.number(transport.get("SEQ")));
                e.put("iptables.tcp.ack", Endpoints.number(transport.get("ACK")));
                e.put("iptables.tcp.urgent_pointer", Endpoints.number(transport.get("URGP")));
                List<String> flags = tcpFlags.stream().filter(TCP_FLAGS::contains).toList();
                if (!flags.isEmpty()) {
                    e.put("iptables.tcp.flags", flags);
                }
            }
            case "udp", "udplite" -> e.put("iptables.udp.length", Endpoints.number(transport.get("LEN")));
            case "icmp", "ipv6-icmp" -> {
                e.put("iptables.icmp.type", Endpoints.number(transport.get("TYPE")));
                e.put("iptables.icmp.code", Endpoints.number(transport.get("CODE")));
                e.put("iptables.icmp.id", Endpoints.number(transport.get("ID")));
                e.put("iptables.icmp.seq", Endpoints.number(transport.get("SEQ")));
            }
            default -> {
                // Other protocols log no transport fields that ECS has a place for.
            }
        }
    }

    /** {@code MAC=dst(6):src(6):ethertype(2)}, written the ECS way ({@code 00-00-5E-00-53-23}). */
    private static void mac(String mac, Event e) {
        if (mac == null || mac.length() < 17) {
            return;
        }
        String[] octets = mac.split(":");
        if (octets.length >= 6) {
            e.put("destination.mac", octets(octets, 0));
        }
        if (octets.length >= 12) {
            e.put("source.mac", octets(octets, 6));
        }
    }

    private static String octets(String[] octets, int from) {
        StringBuilder s = new StringBuilder(17);
        for (int i = from; i < from + 6; i++) {
            if (octets[i].length() != 2 || Character.digit(octets[i].charAt(0), 16) < 0
                    || Character.digit(octets[i].charAt(1), 16) < 0) {
                return null;
            }
            s.append(i > from ? "-" : "").append(octets[i].toUpperCase(Locale.ROOT));
        }
        return s.toString();
    }

    /** Keys with no typed field, as strings under iptables.<key>. */
    private void others(Event e) {
        for (Map<String, String> part : List.of(ip, transport)) {
            for (Map.Entry<String, String> kv : part.entrySet()) {
                if (!KNOWN.contains(kv.getKey()) && !kv.getValue().isEmpty()) {
                    e.putIfAbsent("iptables." + kv.getKey().toLowerCase(Locale.ROOT), kv.getValue());
                }
            }
        }
    }

    /** {@code 0x1C} or {@code 1C} (Sekoia's samples drop the prefix) as a number, or null. */
    private static Long hex(String s) {
        if (s == null) {
            return null;
        }
        String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (digits.isEmpty() || digits.length() > 8) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                return null;
            }
        }
        return Long.parseLong(digits, 16);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
