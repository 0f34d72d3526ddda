package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Hostile input for parsers: random text, random JSON built from the keys the parsers look for
 * (so that it reaches deep into their mappings), broken JSON, and mutations of real samples.
 * Deterministic for a given seed.
 */
final class RandomInputs {
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
        "location", "wazuh", "@timestamp", "event", "message", "title", "host", "hostname", ""
    };
    private static final String[] VALUES = {
        "", " ", "ConsoleLogin", "Failure", "Success", "Yes", "No", "true", "EventList", "AssumedRole", "Root",
        "IAMUser", "AWSService", "arn:aws:sts::1:assumed-role/R/s", "arn:aws:iam::1:root", "/", ":", "1.2.3.4",
        "::1", "999.1.1.1", "ec2.amazonaws.com", "AWS Internal", "2024-01-02T03:04:05Z", "2024-13-45T99:99:99Z",
        "2022-05-11T12:29:19.905+0000", "1700000000", "99999999999999999999", "CreateUser", "DeleteTrail",
        "BatchGetSecretValue", "Batch", "get", "create", "delete", "ResponseComplete", "authentication_failed",
        "syscheck", "\u0000", "\uD800", "\u202E", "é", "%s%n", "${jndi:ldap://x}", "null"
    };

    /** Characters that break structure: quotes, brackets, separators, escapes, line breaks. */
    private static final String SPECIAL = "\"{}[],: \\\n\t0'@";

    private final Random random;
    private final List<String> samples;

    RandomInputs(long seed, List<String> samples) {
        this.random = new Random(seed);
        this.samples = samples;
    }

    String next() {
        int kind = random.nextInt(100);
        if (kind < 20) {
            return ascii(random.nextInt(200));
        }
        if (kind < 30) {
            return unicode(random.nextInt(80));
        }
        if (kind < 55) {
            return json(4).toString();
        }
        if (kind < 65) {
            String text = json(4).toString();
            return text.substring(0, random.nextInt(text.length() + 1));
        }
        if (samples.isEmpty() || kind < 70) {
            return "{\"Records\":[" + json(2) + "," + json(3) + "]}";
        }
        String sample = samples.get(random.nextInt(samples.size()));
        return kind < 90 ? mutate(sample) : sample.substring(0, random.nextInt(sample.length() + 1)) + ascii(20);
    }

    private String ascii(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (random.nextInt(8) == 0 ? random.nextInt(32) : 32 + random.nextInt(95)));
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
                return NODES.textNode(ascii(random.nextInt(12)));
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

    private String mutate(String sample) {
        StringBuilder s = new StringBuilder(sample);
        for (int i = 1 + random.nextInt(4); i > 0 && s.length() > 0; i--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0:
                    s.deleteCharAt(at);
                    break;
                case 1:
                    s.insert(at, SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                    break;
                case 2:
                    s.setCharAt(at, (char) (32 + random.nextInt(95)));
                    break;
                default:
                    s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(30))));
                    break;
            }
        }
        return s.toString();
    }
}
