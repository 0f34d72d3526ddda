package io.vigil.event;

/** ECS field names used by Vigil's own code, in one place. */
public final class Ecs {
    private Ecs() {}

    public static final String TIMESTAMP = "@timestamp";
    public static final String MESSAGE = "message";
    public static final String TAGS = "tags";
    public static final String ID = "_id";
    public static final String ERROR_MESSAGE = "error.message";

    public static final String EVENT_DATASET = "event.dataset";
    public static final String EVENT_MODULE = "event.module";
    public static final String EVENT_KIND = "event.kind";
    public static final String EVENT_CATEGORY = "event.category";
    public static final String EVENT_TYPE = "event.type";
    public static final String EVENT_ACTION = "event.action";
    public static final String EVENT_OUTCOME = "event.outcome";
    public static final String EVENT_INGESTED = "event.ingested";
    public static final String EVENT_ORIGINAL = "event.original";

    public static final String SOURCE_IP = "source.ip";
    public static final String SOURCE_PORT = "source.port";
    public static final String SOURCE_ADDRESS = "source.address";
    public static final String DESTINATION_IP = "destination.ip";
    public static final String DESTINATION_PORT = "destination.port";
    public static final String CLIENT_IP = "client.ip";
    public static final String HOST_NAME = "host.name";
    public static final String HOST_IP = "host.ip";

    public static final String USER_NAME = "user.name";

    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_REQUEST_REFERRER = "http.request.referrer";
    public static final String HTTP_VERSION = "http.version";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String HTTP_RESPONSE_BODY_BYTES = "http.response.body.bytes";
    public static final String URL_ORIGINAL = "url.original";
    public static final String URL_PATH = "url.path";
    public static final String URL_QUERY = "url.query";
    public static final String USER_AGENT_ORIGINAL = "user_agent.original";

    /** Tag on an event whose line no parser understood; the raw line is in {@code message}. */
    public static final String TAG_PARSE_FAILURE = "_parse_failure";
    /** Tag on an event whose time could not be read; {@code @timestamp} is the ingest time. */
    public static final String TAG_TIMESTAMP_FAILURE = "_timestamp_failure";
    /** Tag on an event whose bytes were not valid UTF-8; invalid sequences became U+FFFD. */
    public static final String TAG_ENCODING_FAILURE = "_encoding_failure";
    /** Tag on an event whose raw line was longer than the limit and was cut. */
    public static final String TAG_TRUNCATED = "_truncated";
}
