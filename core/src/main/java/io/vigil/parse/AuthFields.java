package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;

/** Field setters shared by the authentication body parsers; each ignores empty values. */
final class AuthFields {
    /** Filebeat's system module calls the lines of auth.log / secure {@code system.auth}. */
    static final String DATASET = "system.auth";

    private AuthFields() {}

    static void systemAuth(Event event) {
        event.put(Ecs.EVENT_DATASET, DATASET).put(Ecs.EVENT_MODULE, "system");
    }

    /** {@code source.address}, and {@code source.ip} or {@code source.domain}; the port when numeric. */
    static void source(Event event, String address, String port) {
        if (address == null || address.isEmpty()) {
            return;
        }
        event.put(Ecs.SOURCE_ADDRESS, address);
        event.put(IpAddresses.isIp(address) ? Ecs.SOURCE_IP : EcsSyslog.SOURCE_DOMAIN, address);
        Long number = port(port);
        if (number != null) {
            event.put(Ecs.SOURCE_PORT, number);
        }
    }

    static Long port(String port) {
        if (port == null || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long n = Long.parseLong(port);
        return n <= 65535 ? n : null;
    }

    /** Sets a user name field, skipping placeholders sshd writes when it will not repeat a name. */
    static void user(Event event, String field, String name) {
        if (name != null && !name.isEmpty() && !name.equals("<invalid username>") && !name.equals("(unknown)")) {
            event.put(field, name);
        }
    }
}
