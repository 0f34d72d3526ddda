package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Restores CloudTrail's camelCase field names on records whose names were lowercased
 * ({@code eventname}, {@code useridentity}), as Athena, Glue and other SQL-based exports write
 * them. Only the record's own structure is renamed: the insides of {@code requestParameters} and
 * {@code responseElements} belong to each service and are left as they are, except the sign-in
 * result the parser reads. Stateless.
 */
final class CloudTrailNames {
    private CloudTrailNames() {}

    private static final Map<String, String> CAMEL = byLowerCase(List.of(
            "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
            "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData",
            "requestID", "eventID", "readOnly", "resources", "eventType", "apiVersion", "managementEvent",
            "recipientAccountId", "sharedEventID", "vpcEndpointId", "eventCategory", "tlsDetails",
            "serviceEventDetails", "insightDetails", "sessionCredentialFromConsole", "type", "principalId", "arn",
            "accountId", "accessKeyId", "userName", "invokedBy", "sessionContext", "sessionIssuer", "attributes",
            "creationDate", "mfaAuthenticated", "webIdFederationData", "tlsVersion", "cipherSuite",
            "clientProvidedHostHeader", "ConsoleLogin", "MFAUsed", "LoginTo", "MobileVersion"));

    /** Objects whose keys are CloudTrail's own; other objects keep their keys. */
    private static final Set<String> STRUCTURE = Set.of("userIdentity", "sessionContext", "sessionIssuer",
            "attributes", "tlsDetails", "responseElements", "additionalEventData", "resources");

    /** The record with camelCase names when its names are lowercased; otherwise the record itself. */
    static JsonNode camelCase(JsonNode record) {
        if (record.has("eventName") || record.has("eventSource") || record.has("eventTime")
                || !(record.has("eventname") || record.has("eventsource") || record.has("eventtime"))) {
            return record;
        }
        return rename(record);
    }

    private static JsonNode rename(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> out.add(rename(item)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String name = CAMEL.getOrDefault(f.getKey(), f.getKey());
            out.set(name, STRUCTURE.contains(name) ? rename(f.getValue()) : f.getValue());
        }
        return out;
    }

    private static Map<String, String> byLowerCase(List<String> names) {
        Map<String, String> map = new HashMap<>();
        for (String name : names) {
            map.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(map);
    }
}
