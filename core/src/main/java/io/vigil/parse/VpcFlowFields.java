package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of an AWS VPC flow log record: their names in AWS's documented order, what a valid
 * value looks like, and where each goes in ECS. {@code -} means absent in every field.
 */
final class VpcFlowFields {
    private VpcFlowFields() {}

    enum Kind { NUMBER, IP, TEXT }

    /** Year 5138: beyond it a "Unix seconds" value is garbage, and java.time would reject it anyway. */
    private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

    /** Every field AWS documents, in the order of its field table (versions 2 to 8). */
    static final Map<String, Kind> KNOWN = known();

    /** The default (version 2) format. */
    static final List<String> DEFAULT = List.of(
            "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
            "protocol", "packets", "bytes", "start", "end", "action", "log-status");

    /** All known fields in documented order, the order AWS uses when every field is selected. */
    static final List<String> ALL = List.copyOf(KNOWN.keySet());

    private static Map<String, Kind> known() {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (String n : List.of("version", "account-id", "interface-id")) {
            m.put(n, n.equals("version") ? Kind.NUMBER : Kind.TEXT);
        }
        m.put("srcaddr", Kind.IP);
        m.put("dstaddr", Kind.IP);
        for (String n : List.of("srcport", "dstport", "protocol", "packets", "bytes", "start", "end")) {
            m.put(n, Kind.NUMBER);
        }
        for (String n : List.of("action", "log-status", "vpc-id", "subnet-id", "instance-id")) {
            m.put(n, Kind.TEXT);
        }
        m.put("tcp-flags", Kind.NUMBER);
        m.put("type", Kind.TEXT);
        m.put("pkt-srcaddr", Kind.IP);
        m.put("pkt-dstaddr", Kind.IP);
        for (String n : List.of("region", "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service",
                "pkt-dst-aws-service", "flow-direction")) {
            m.put(n, Kind.TEXT);
        }
        m.put("traffic-path", Kind.NUMBER);
        for (String n : List.of("ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
                "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
                "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason")) {
            m.put(n, Kind.TEXT);
        }
        return Collections.unmodifiableMap(m);
    }

    /** A field name as AWS writes it in headers ({@code account-id}), from either spelling. */
    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Why {@code value} cannot be {@code field}, or null when it can. Unknown fields take anything. */
    static String invalid(String field, String value) {
        Kind kind = KNOWN.get(field);
        if (value.equals("-") || kind == null || kind == Kind.TEXT) {
            return null;
        }
        Long n = Endpoints.number(value);
        if (kind == Kind.NUMBER && n == null) {
            return field + " '" + value + "' is not a number";
        }
        if ((field.equals("start") || field.equals("end")) && n > MAX_EPOCH_SECONDS) {
            return field + " '" + value + "' is not a time in Unix seconds";
        }
        if (kind == Kind.IP && !IpAddresses.isIp(value)) {
            return field + " '" + value + "' is not an IP address";
        }
        return null;
    }

    /** Writes one present (not {@code -}) field into {@code e}. */
    static void put(String field, String value, Event e) {
        switch (field) {
            case "account-id" -> e.put("cloud.account.id", value);
            case "srcaddr" -> Endpoints.put(e, "source", value, null);
            case "dstaddr" -> Endpoints.put(e, "destination", value, null);
            case "srcport" -> e.put(Ecs.SOURCE_PORT, Endpoints.port(value));
            case "dstport" -> e.put(Ecs.DESTINATION_PORT, Endpoints.port(value));
            case "protocol" -> protocol(value, e);
            case "packets" -> e.put("source.packets", number(value)).put("network.packets", number(value));
            case "bytes" -> e.put("source.bytes", number(value)).put("network.bytes", number(value));
            case "start" -> e.put("event.start", Instant.ofEpochSecond(number(value)));
            case "end" -> e.put("event.end", Instant.ofEpochSecond(number(value)));
            case "action" -> action(value, e);
            case "instance-id" -> e.put("cloud.instance.id", value);
            case "region" -> e.put("cloud.region", value);
            case "type" -> e.put("network.type", value.toLowerCase(Locale.ROOT));
            case "flow-direction" -> e.put("network.direction", value.toLowerCase(Locale.ROOT));
            case "tcp-flags" -> tcpFlags(number(value), e);
            default -> e.put("aws.vpcflow." + field.replace('-', '_'),
                    KNOWN.get(field) == Kind.NUMBER ? number(value) : value);
        }
    }

    private static void protocol(String value, Event e) {
        e.put("network.iana_number", value);
        long n = number(value);
        e.put("network.transport", n <= 255 ? IpProtocols.name((int) n) : null);
    }

    private static void action(String value, Event e) {
        String action = value.toLowerCase(Locale.ROOT);
        e.put(Ecs.EVENT_ACTION, action);
        if (action.equals("accept")) {
            e.put(Ecs.EVENT_TYPE, List.of("allowed", "connection")).put(Ecs.EVENT_OUTCOME, "success");
        } else if (action.equals("reject")) {
            e.put(Ecs.EVENT_TYPE, List.of("denied", "connection")).put(Ecs.EVENT_OUTCOME, "failure");
        }
    }

    private static final String[] TCP_FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg"};

    /** The bitmask as AWS reports it (FIN 1, SYN 2, RST 4, SYN-ACK 18), and as names. */
    private static void tcpFlags(long mask, Event e) {
        e.put("aws.vpcflow.tcp_flags", mask);
        List<String> names = new ArrayList<>(2);
        for (int bit = 0; bit < TCP_FLAG_NAMES.length; bit++) {
            if ((mask & (1L << bit)) != 0) {
                names.add(TCP_FLAG_NAMES[bit]);
            }
        }
        if (!names.isEmpty()) {
            e.put("aws.vpcflow.tcp_flags_array", List.copyOf(names));
        }
    }

    private static long number(String value) {
        return Long.parseLong(value);
    }
}
