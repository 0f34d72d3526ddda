package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * AWS CloudTrail records, mapped to ECS with the rest under {@code aws.cloudtrail.*}.
 *
 * <p>One raw record may be a whole CloudTrail log file as trails deliver it to S3
 * ({@code {"Records":[...]}}), a JSON array of records (CloudTrail Lake and most exports), an
 * EventBridge envelope ({@code {"detail-type":"AWS API Call via CloudTrail","detail":{...}}}) or
 * a single record; lowercased field names ({@code eventname}, as SQL exports write them) are read
 * too. Each record becomes one event whose {@code message} is that record's JSON text;
 * for a single record that is the raw text unchanged. An element of a file that is not a record
 * is kept as an event tagged {@code _parse_failure} rather than dropped. The result is
 * {@link ParseResult.Failed} when the text is not JSON or holds no record at all.
 *
 * <p>Mapping: {@code @timestamp} from {@code eventTime}; {@code event.action}, {@code event.provider},
 * {@code event.id}; {@code event.outcome} failure when {@code errorCode} is set or a sign-in's
 * response says {@code Failure}; {@code source.ip} or {@code source.domain} from
 * {@code sourceIPAddress}; {@code user.name} from the identity's user name, else the last part of
 * its ARN (an assumed role's session name, {@code root}), with the role in {@code user.roles};
 * {@code cloud.*}; categories from {@link CloudTrailActions}. Request parameters, response
 * elements and additional event data are kept as JSON text. Thread-safe.
 */
public final class CloudTrailParser implements JsonRecordParser {
    private static final String CT = "aws.cloudtrail.";
    private static final String IDENTITY = CT + "user_identity.";

    private final String dataset;

    /** @param dataset the {@code event.dataset} to set, normally {@code aws.cloudtrail} */
    public CloudTrailParser(String dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public ParseResult parse(RawEvent raw, JsonNode node) {
        JsonNode records = node.isArray() ? node : node.path("Records");
        if (records.isArray()) {
            return file(raw, records);
        }
        JsonNode record = CloudTrailNames.camelCase(isEnvelope(node) ? node.get("detail") : node);
        if (!isRecord(record)) {
            return new ParseResult.Failed(raw, node.isObject()
                    ? "not a CloudTrail record: no eventName, eventSource or eventTime"
                    : "expected a CloudTrail record or log file, got " + JsonNodes.kind(node));
        }
        return ParseResult.of(toEvent(record, raw.text()));
    }

    private ParseResult file(RawEvent raw, JsonNode records) {
        List<Event> events = new ArrayList<>(records.size());
        boolean any = false;
        for (JsonNode element : records) {
            JsonNode record = element.isObject() ? CloudTrailNames.camelCase(element) : element;
            if (isRecord(record)) {
                events.add(toEvent(record, element.toString()));
                any = true;
            } else {
                events.add(JsonNodes.rejected(element, dataset, "not a CloudTrail record"));
            }
        }
        if (!any) {
            return new ParseResult.Failed(raw, records.isEmpty()
                    ? "CloudTrail log file holds no records" : "CloudTrail log file holds no valid record");
        }
        return new ParseResult.Parsed(events);
    }

    private static boolean isEnvelope(JsonNode node) {
        String type = JsonNodes.text(node, "detail-type");
        return type != null && type.contains("CloudTrail") && node.path("detail").isObject();
    }

    private static boolean isRecord(JsonNode node) {
        return node != null && node.isObject() && (JsonNodes.text(node, "eventName") != null
                || JsonNodes.text(node, "eventSource") != null || JsonNodes.text(node, "eventTime") != null);
    }

    private Event toEvent(JsonNode r, String message) {
        String name = JsonNodes.text(r, "eventName");
        String provider = JsonNodes.text(r, "eventSource");
        CloudTrailActions.Classification kind = CloudTrailActions.classify(name, provider);
        Event e = new Event()
                .put(Ecs.TIMESTAMP, Timestamps.iso(JsonNodes.text(r, "eventTime")))
                .put(Ecs.MESSAGE, message)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, "aws")
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, kind.category())
                .put(Ecs.EVENT_TYPE, kind.type())
                .put(Ecs.EVENT_ACTION, name)
                .put(Ecs.EVENT_OUTCOME, outcome(r, name))
                .put("event.provider", provider)
                .put("event.id", JsonNodes.text(r, "eventID"))
                .put("cloud.provider", "aws")
                .put("cloud.region", JsonNodes.text(r, "awsRegion"))
                .put("cloud.account.id", JsonNodes.first(JsonNodes.text(r, "recipientAccountId"),
                        JsonNodes.text(r.path("userIdentity"), "accountId")))
                .put(Ecs.USER_AGENT_ORIGINAL, JsonNodes.text(r, "userAgent"));
        source(JsonNodes.text(r, "sourceIPAddress"), e);
        identity(r.path("userIdentity"), e);
        details(r, e);
        signIn(r, e);
        return e;
    }

    /** Failure when AWS reports an error code, or when a sign-in answers {@code "ConsoleLogin": "Failure"}. */
    private static String outcome(JsonNode r, String name) {
        if (JsonNodes.text(r, "errorCode") != null) {
            return "failure";
        }
        String response = name == null ? null : JsonNodes.text(r.path("responseElements"), name);
        return "Failure".equalsIgnoreCase(response) ? "failure" : "success";
    }

    /** {@code sourceIPAddress} holds an IP, a service name ({@code ec2.amazonaws.com}) or {@code AWS Internal}. */
    private static void source(String address, Event e) {
        if (address == null) {
            return;
        }
        e.put(Ecs.SOURCE_ADDRESS, address);
        if (IpAddresses.isIp(address)) {
            e.put(Ecs.SOURCE_IP, address);
        } else if (address.indexOf(' ') < 0) {
            e.put("source.domain", address);
        }
    }

    private static void identity(JsonNode id, Event e) {
        if (!id.isObject()) {
            return;
        }
        String type = JsonNodes.text(id, "type");
        String arn = JsonNodes.text(id, "arn");
        JsonNode session = id.path("sessionContext");
        JsonNode issuer = session.path("sessionIssuer");
        String role = "Role".equals(JsonNodes.text(issuer, "type")) ? JsonNodes.text(issuer, "userName") : null;
        e.put(Ecs.USER_NAME, userName(JsonNodes.text(id, "userName"), arn, role))
                .put("user.id", JsonNodes.text(id, "principalId"))
                .put("user.roles", role == null ? null : List.of(role))
                .put(IDENTITY + "type", type)
                .put(IDENTITY + "arn", arn)
                .put(IDENTITY + "account_id", JsonNodes.text(id, "accountId"))
                .put(IDENTITY + "access_key_id", JsonNodes.text(id, "accessKeyId"))
                .put(IDENTITY + "invoked_by", JsonNodes.text(id, "invokedBy"))
                .put(IDENTITY + "session_context.mfa_authenticated",
                        JsonNodes.bool(session.path("attributes"), "mfaAuthenticated"))
                .put(IDENTITY + "session_context.creation_date",
                        JsonNodes.text(session.path("attributes"), "creationDate"))
                .put(IDENTITY + "session_context.session_issuer.type", JsonNodes.text(issuer, "type"))
                .put(IDENTITY + "session_context.session_issuer.arn", JsonNodes.text(issuer, "arn"))
                .put(IDENTITY + "session_context.session_issuer.principal_id", JsonNodes.text(issuer, "principalId"))
                .put(IDENTITY + "session_context.session_issuer.account_id", JsonNodes.text(issuer, "accountId"));
    }

    /**
     * The identity's own name; else the last part of its ARN, which for an assumed role is the
     * session name (often the person or instance behind it) and for the root user is {@code root};
     * else the role that issued the session.
     */
    static String userName(String userName, String arn, String role) {
        if (userName != null) {
            return userName;
        }
        if (arn != null) {
            int slash = arn.lastIndexOf('/');
            int cut = slash >= 0 ? slash : arn.lastIndexOf(':');
            String last = arn.substring(cut + 1).trim();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return role;
    }

    private static void details(JsonNode r, Event e) {
        e.put(CT + "event_version", JsonNodes.text(r, "eventVersion"))
                .put(CT + "event_type", JsonNodes.text(r, "eventType"))
                .put(CT + "event_category", JsonNodes.text(r, "eventCategory"))
                .put(CT + "recipient_account_id", JsonNodes.text(r, "recipientAccountId"))
                .put(CT + "request_id", JsonNodes.text(r, "requestID"))
                .put(CT + "shared_event_id", JsonNodes.text(r, "sharedEventID"))
                .put(CT + "api_version", JsonNodes.text(r, "apiVersion"))
                .put(CT + "vpc_endpoint_id", JsonNodes.text(r, "vpcEndpointId"))
                .put(CT + "read_only", JsonNodes.bool(r, "readOnly"))
                .put(CT + "management_event", JsonNodes.bool(r, "managementEvent"))
                .put(CT + "error_code", JsonNodes.text(r, "errorCode"))
                .put(CT + "error_message", JsonNodes.text(r, "errorMessage"))
                .put(CT + "request_parameters", JsonNodes.json(r, "requestParameters"))
                .put(CT + "response_elements", JsonNodes.json(r, "responseElements"))
                .put(CT + "additional_eventdata", JsonNodes.json(r, "additionalEventData"))
                .put(CT + "service_event_details", JsonNodes.json(r, "serviceEventDetails"))
                .put(CT + "insight_details", JsonNodes.json(r, "insightDetails"))
                .put(CT + "tls_details.tls_version", JsonNodes.text(r.path("tlsDetails"), "tlsVersion"))
                .put(CT + "tls_details.cipher_suite", JsonNodes.text(r.path("tlsDetails"), "cipherSuite"))
                .put(CT + "tls_details.client_provided_host_header",
                        JsonNodes.text(r.path("tlsDetails"), "clientProvidedHostHeader"));
        resources(r.path("resources"), e);
    }

    private static void resources(JsonNode resources, Event e) {
        if (!resources.isArray()) {
            return;
        }
        for (JsonNode resource : resources) {
            String arn = JsonNodes.text(resource, "ARN");
            addIfPresent(e, CT + "resources.arn", arn != null ? arn : JsonNodes.text(resource, "arn"));
            addIfPresent(e, CT + "resources.type", JsonNodes.text(resource, "type"));
            addIfPresent(e, CT + "resources.account_id", JsonNodes.text(resource, "accountId"));
        }
    }

    private static void addIfPresent(Event e, String field, String value) {
        if (value != null) {
            e.add(field, value);
        }
    }

    /** Console sign-ins say whether MFA was used in {@code additionalEventData}, as {@code "Yes"}/{@code "No"}. */
    private static void signIn(JsonNode r, Event e) {
        JsonNode extra = r.path("additionalEventData");
        String mfa = JsonNodes.text(extra, "MFAUsed");
        String prefix = CT + "console_login.additional_eventdata.";
        if (mfa != null) {
            e.put(prefix + "mfa_used", mfa.equalsIgnoreCase("Yes") || mfa.equalsIgnoreCase("true"));
        }
        e.put(prefix + "login_to", JsonNodes.text(extra, "LoginTo"))
                .put(prefix + "mobile_version", JsonNodes.text(extra, "MobileVersion"));
    }
}
