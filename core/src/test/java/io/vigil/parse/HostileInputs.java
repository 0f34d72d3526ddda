package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile input for parsers, deterministic for a seed: random bytes decoded as a receiver would
 * (malformed UTF-8 becomes U+FFFD, or Latin-1 keeps every byte), text with control characters and
 * lone surrogates, random JSON built from the keys the JSON parsers look for (so that it reaches
 * deep into their mappings), broken JSON, and real sample lines damaged the way transport and
 * attackers damage them: cut anywhere (also inside a surrogate pair), spliced, digits changed,
 * separators and injections inserted. Besides {@link #next()}: one-megabyte lines and deeply
 * nested JSON, which need their own time and size checks.
 */
final class HostileInputs {
    /** What a receiver accepts as one record (the ingest pipeline's default cut). */
    static final int MEGABYTE = 1 << 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {
        "Records", "eventName", "eventSource", "eventTime", "eventID", "eventType", "userIdentity", "type", "arn",
        "userName", "principalId", "accountId", "accessKeyId", "sessionContext", "sessionIssuer", "attributes",
        "mfaAuthenticated", "responseElements", "ConsoleLogin", "additionalEventData", "MFAUsed", "errorCode",
        "errorMessage", "sourceIPAddress", "userAgent", "awsRegion", "recipientAccountId", "requestParameters",
        "resources", "ARN", "readOnly", "tlsDetails", "detail", "detail-type", "kind", "items", "auditID", "verb",
        "requestURI", "user", "username", "groups", "sourceIPs", "responseStatus", "code", "objectRef", "resource",
        "namespace", "name", "annotations", "requestReceivedTimestamp", "stageTimestamp", "stage", "requestObject",
        "impersonatedUser", "rule", "level", "id", "description", "mitre", "tactic", "technique", "agent", "ip",
        "data", "srcip", "srcport", "dstip", "dstport", "dstuser", "srcuser", "full_log", "timestamp", "decoder",
        "location", "wazuh", "@timestamp", "event", "message", "title", "host", "hostname", "time", "ts", "date", ""
    };
    private static final String[] VALUES = {
        "", " ", "ConsoleLogin", "Failure", "Success", "Yes", "No", "true", "EventList", "AssumedRole", "Root",
        "IAMUser", "AWSService", "arn:aws:sts::1:assumed-role/R/s", "arn:aws:iam::1:root", "/", ":", "1.2.3.4",
        "::1", "999.1.1.1", "ec2.amazonaws.com", "AWS Internal", "2024-01-02T03:04:05Z", "2024-13-45T99:99:99Z",
        "2022-05-11T12:29:19.905+0000", "1700000000", "99999999999999999999", "CreateUser", "DeleteTrail",
        "BatchGetSecretValue", "Batch", "get", "create", "delete", "ResponseComplete", "authentication_failed",
        "syscheck", "\u0000", "\uD800", "\u202E", "é", "%s%n", "${jndi:ldap://x}", "null"
    };
    /** Characters that carry meaning in log formats, so that random text reaches deep branches. */
    private static final String SYNTAX = " []{}()<>/\\:;#*,.\"'=|~+-_@%?&\t\n\r0123456789"
            + "abcdefxyzABCDEFINOUTSRCDSTPROTOHTTPGETclient: server: request: host: \u0000\u00e9\u4e2d\uFEFF";
    private static final String[] NASTY = {
        "\u0000", "\r", "\n", "\uFFFD", "\uD83D\uDE00", "\uD800", "\uDC00", "\u00A0", "\u202E", "  ", "\t", "-",
        "[", "]", "\"", "\\", "\\x", "=", ":", "/", "{", "}", "|", "+", "-1", "99999999999999999999", "0x", "::",
        ", client: ", " IN=", " SRC=", " PROTO=", "[client ", "[pid ", "Connect from ", " from 1.2.3.4 port 22",
        " rhost=1.2.3.4", "${jndi:ldap://x}", "%n%s"
    };

    private final Random random;
    private final List<String> samples;

    HostileInputs(long seed, List<String> samples) {
        this.random = new Random(seed);
        this.samples = samples.isEmpty() ? List.of("x") : samples;
    }

    /** One hostile record. */
    String next() {
        int kind = random.nextInt(100);
        if (kind < 8) {
            return text(random.nextInt(200), SYNTAX);
        }
        if (kind < 14) {
            return unicode(random.nextInt(120));
        }
        if (kind < 22) {
            return bytes(random.nextInt(300));
        }
        if (kind < 34) {
            return json(4).toString();
        }
        if (kind < 39) {
            String json = json(4).toString();
            return json.substring(0, random.nextInt(json.length() + 1));
        }
        if (kind < 42) {
            return "{\"Records\":[" + json(2) + "," + json(3) + "]}";
        }
        if (kind < 72) {
            return mutate(sample(), 1 + random.nextInt(4));
        }
        if (kind < 80) {
            return scrambleDigits(sample());
        }
        if (kind < 86) {
            return splice(sample(), sample());
        }
        String sample = sample();
        String cut = sample.substring(0, random.nextInt(sample.length() + 1));
        return kind < 96 ? cut : cut + text(random.nextInt(40), SYNTAX);
    }

    /** Lines of about a megabyte: a sample with its own text or a separator repeated inside it. */
    List<String> huge(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sample = samples.get(i % samples.size());
            String filler = switch (i % 4) {
                case 0 -> sample;
                case 1 -> NASTY[random.nextInt(NASTY.length)];
                case 2 -> ", x: \"a";
                default -> "a";
            };
            int at = random.nextInt(sample.length() + 1);
            String repeated = filler.isEmpty() ? "a" : filler;
            lines.add(sample.substring(0, at) + repeated.repeat(MEGABYTE / repeated.length() + 1) + sample.substring(at));
        }
        return lines;
    }

    /** JSON nested far deeper than any record: bare, and under the keys the JSON parsers descend into. */
    static List<String> deeplyNested() {
        int depth = 100_000;
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String unclosed = "{\"message\":\"x\",\"detail\":" + "{\"d\":".repeat(depth);
        return List.of(arrays, objects, unclosed,
                "{\"Records\":[" + arrays + "]}",
                "{\"eventName\":\"X\",\"eventTime\":\"2024-01-02T03:04:05Z\",\"requestParameters\":" + objects + "}",
                "{\"kind\":\"EventList\",\"items\":[" + objects + "]}",
                "{\"rule\":{\"id\":\"1\",\"level\":3,\"groups\":" + arrays + "},\"data\":" + objects + "}",
                "{\"@timestamp\":\"2024-01-02T03:04:05Z\",\"message\":\"x\",\"a\":" + objects + "}");
    }

    private String sample() {
        return samples.get(random.nextInt(samples.size()));
    }

    private String text(int length, String alphabet) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private String unicode(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x10000));
        }
        return s.toString();
    }

    /** Random bytes as a receiver decodes them: UTF-8 with U+FFFD for what is malformed, or Latin-1. */
    private String bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return new String(b, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private JsonNode json(int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 9);
        switch (kind) {
            case 0:
                return NODES.textNode(VALUES[random.nextInt(VALUES.length)]);
            case 1:
                return NODES.numberNode(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(600));
            case 2:
                return NODES.numberNode(random.nextDouble() * 1e12);
            case 3:
                return NODES.booleanNode(random.nextBoolean());
            case 4:
                return NODES.nullNode();
            case 5:
                return NODES.textNode(text(random.nextInt(12), SYNTAX));
            case 6:
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(json(depth - 1));
                }
                return array;
            default:
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(8); i > 0; i--) {
                    object.set(KEYS[random.nextInt(KEYS.length)], json(depth - 1));
                }
                return object;
        }
    }

    private String mutate(String line, int edits) {
        StringBuilder s = new StringBuilder(line);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(6)) {
                case 0 -> s.insert(at, NASTY[random.nextInt(NASTY.length)]);
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 2 -> s.insert(at, text(1 + random.nextInt(6), SYNTAX));
                case 3 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(30))));
                case 4 -> s.setLength(at);
                default -> {
                    if (at < s.length()) {
                        s.setCharAt(at, SYNTAX.charAt(random.nextInt(SYNTAX.length())));
                    }
                }
            }
        }
        return s.toString();
    }

    /** Same shape, other numbers: month 13, port 99999, a pid beyond long. */
    private String scrambleDigits(String line) {
        StringBuilder s = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9' && random.nextInt(3) == 0) {
                s.append((char) ('0' + random.nextInt(10)));
                if (random.nextInt(20) == 0) {
                    s.append("9999999999");
                }
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private String splice(String a, String b) {
        return a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
    }

    /** A record for an assertion message: at most 300 characters, line breaks visible. */
    static String escape(String line) {
        String shown = line.length() > 300 ? line.substring(0, 300) + "... (" + line.length() + " chars)" : line;
        return shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
