package io.vigil.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * AWS VPC flow log records, type {@code vpcflow}, dataset {@code aws.vpcflow}: space-separated
 * values in the default version 2 format
 * ({@code 2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK})
 * or a custom field list, and the same records as JSON objects with underscore names
 * ({@code {"account_id":"1234","srcaddr":...}}).
 *
 * <p>Which field is which: the list given to the constructor, replaced by a header line
 * ({@code version account-id interface-id srcaddr ...}, as AWS writes at the top of every file in S3)
 * whenever one arrives. A header yields no event. A record whose value count does not match falls
 * back to the default format when it has 14 values, else to the first fields in AWS's documented
 * order (what AWS writes when every field is selected). Each value is checked against its field
 * (numbers, IP addresses), so a wrong guess fails with a reason rather than filling wrong fields.
 *
 * <p>Thread-safe. The field list is state shared by every thread using this instance: the last header
 * seen wins, by one atomic swap. Use one instance per flow log format.
 *
 * <p>ECS: {@code source.ip/port}, {@code destination.ip/port}, {@code network.iana_number},
 * {@code network.transport}, {@code source.packets}/{@code network.packets},
 * {@code source.bytes}/{@code network.bytes}, {@code event.start}/{@code event.end} and
 * {@code @timestamp} = start, {@code event.duration}, {@code event.action} accept/reject with
 * {@code event.type} [allowed|denied, connection] and {@code event.outcome} success/failure,
 * {@code cloud.provider} aws, {@code cloud.account.id}, {@code cloud.region},
 * {@code cloud.instance.id}, {@code network.type}, {@code network.direction}, and the rest under
 * {@code aws.vpcflow.*} ({@code log_status}, {@code interface_id}, {@code tcp_flags}, ...). NODATA and
 * SKIPDATA records have no addresses, action or outcome: times, interface, account and
 * {@code aws.vpcflow.log_status}. Never throws.
 */
public final class VpcFlowParser implements Parser {
    public static final String DATASET = "aws.vpcflow";

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$");

    private final AtomicReference<List<String>> layout;

    /** Records in the default format until a header line says otherwise. */
    public VpcFlowParser() {
        this.layout = new AtomicReference<>(VpcFlowFields.DEFAULT);
    }

    /**
     * Records in a custom format.
     *
     * @param fields field names as in the flow log's format ({@code version}, {@code account-id}, or
     *     {@code account_id}), in order
     * @throws IllegalArgumentException naming every unknown field, or when the list is empty
     */
    public VpcFlowParser(List<String> fields) {
        List<String> canonical = new ArrayList<>(fields.size());
        List<String> unknown = new ArrayList<>();
        for (String f : fields) {
            String c = VpcFlowFields.canonical(f);
            canonical.add(c);
            if (!VpcFlowFields.KNOWN.containsKey(c)) {
                unknown.add(f);
            }
        }
        if (fields.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(fields.isEmpty() ? "vpcflow: empty field list"
                    : "vpcflow: unknown fields " + unknown + "; known: " + VpcFlowFields.ALL);
        }
        this.layout = new AtomicReference<>(List.copyOf(canonical));
    }

    /** The field list in use now. */
    public List<String> fields() {
        return layout.get();
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        String text = raw.text().strip();
        if (text.startsWith("{")) {
            return json(raw, text);
        }
        List<String> values = tokens(text);
        if (isHeader(values)) {
            List<String> fields = values.stream().map(VpcFlowFields::canonical).toList();
            layout.set(fields);
            return new ParseResult.Parsed(List.of());
        }
        List<String> fields = fieldsFor(values.size());
        if (fields == null) {
            return new ParseResult.Failed(raw, values.size() + " values, but the format has " + layout.get().size()
                    + " fields; send the header line or configure the field list");
        }
        return record(raw, fields, values);
    }

    /** The values of a stripped line, split at runs of white space (as {@code \\s+} would split them). */
    private static List<String> tokens(String text) {
        if (text.isEmpty()) {
            return List.of("");
        }
        List<String> tokens = new ArrayList<>(32);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isSpace(text.charAt(i))) {
                if (i > start) {
                    tokens.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return tokens;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A header names fields only; most of them known (AWS adds fields over time). */
    private static boolean isHeader(List<String> tokens) {
        int known = 0;
        for (String t : tokens) {
            if (!NAME.matcher(t).matches()) {
                return false;
            }
            if (VpcFlowFields.KNOWN.containsKey(VpcFlowFields.canonical(t))) {
                known++;
            }
        }
        return known * 2 > tokens.size();
    }

    private List<String> fieldsFor(int count) {
        List<String> current = layout.get();
        if (count == current.size()) {
            return current;
        }
        if (count == VpcFlowFields.DEFAULT.size()) {
            return VpcFlowFields.DEFAULT;
        }
        if (count > VpcFlowFields.DEFAULT.size() && count <= VpcFlowFields.ALL.size()) {
            return VpcFlowFields.ALL.subList(0, count);
        }
        return null;
    }

    private static ParseResult json(RawEvent raw, String text) {
        JsonNode node;
        try {
            node = EventJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new ParseResult.Failed(raw, "invalid JSON flow log record: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new ParseResult.Failed(raw, "a JSON flow log record must be an object");
        }
        List<String> fields = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            fields.add(VpcFlowFields.canonical(f.getKey()));
            values.add(scalar(f.getValue()));
        }
        return record(raw, fields, values);
    }

    /** A JSON value as the text the plain format would hold: 25238.0 is "25238", null is "-". */
    private static String scalar(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return "-";
        }
        if (v.isNumber() && v.canConvertToExactIntegral()) {
            return v.bigIntegerValue().toString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static ParseResult record(RawEvent raw, List<String> fields, List<String> values) {
        for (int i = 0; i < fields.size(); i++) {
            String problem = VpcFlowFields.invalid(fields.get(i), values.get(i));
            if (problem != null) {
                return new ParseResult.Failed(raw, problem + " (fields " + fields + ")");
            }
        }
        Event e = new Event()
                .put(Ecs.MESSAGE, raw.text())
                .put(Ecs.EVENT_DATASET, DATASET)
                .put(Ecs.EVENT_MODULE, "aws")
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("network"))
                .put("cloud.provider", "aws");
        for (int i = 0; i < fields.size(); i++) {
            if (!values.get(i).equals("-")) {
                VpcFlowFields.put(fields.get(i), values.get(i), e);
            }
        }
        times(e);
        return ParseResult.of(e);
    }

    private static void times(Event e) {
        if (e.get("event.start") instanceof Instant start) {
            e.put(Ecs.TIMESTAMP, start);
            if (e.get("event.end") instanceof Instant end && !end.isBefore(start)) {
                Duration d = Duration.between(start, end);
                // Nanoseconds in a long last 292 years; a longer "flow" is garbage, not a duration.
                if (d.getSeconds() < Long.MAX_VALUE / 1_000_000_000L) {
                    e.put("event.duration", d.toNanos());
                }
            }
        }
    }
}
