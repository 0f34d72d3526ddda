package io.vigil.intel;

import io.vigil.event.Ecs;
import java.util.List;

/**
 * The fields the threat-intelligence stage reads and writes. Users query these names
 * ({@code security.context:"Malicious Host"}), the built-in rule groups by
 * {@link #MALICIOUS_IP}, and the Threats page is built on them: they do not change.
 */
public final class IntelFields {
    private IntelFields() {}

    /** Why the address is listed, e.g. {@code Malicious Host}; a list (most severe feed first) when listings differ. */
    public static final String CONTEXT = "security.context";
    /** The listed address(es) found in the event. */
    public static final String MALICIOUS_IP = "security.ioc.malicious_ip";
    /** Names of all feeds listing the address(es), most severe feed first. */
    public static final String ORIGIN_FEEDS = "security.origin_feeds";
    /** How many feeds list the address(es). */
    public static final String ORIGIN_FEEDS_NUM = "security.origin_feeds_num";
    /** The highest severity among the listing feeds: low, medium, high or critical. */
    public static final String SEVERITY = "security.severity";

    /** The address fields checked, in this order. */
    public static final List<String> IP_FIELDS = List.of(Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.CLIENT_IP, Ecs.HOST_IP);

    /** True for a field holding an {@code X-Forwarded-For} header, whatever prefix a parser gave it. */
    public static boolean isForwardedFor(String field) {
        // Called for every field of every event: most names are rejected by their last character,
        // and the rest compared in place rather than lower-cased into a copy.
        int n = field.length();
        if (n < 15 || (field.charAt(n - 1) | 0x20) != 'r') {
            return false;
        }
        return endsWithIgnoreCase(field, "x_forwarded_for") || endsWithIgnoreCase(field, "x-forwarded-for");
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
