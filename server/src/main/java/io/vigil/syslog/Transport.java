package io.vigil.syslog;

import java.util.Locale;

/** How a syslog message arrived; the {@code transport} tag of the syslog metrics. */
enum Transport {
    UDP, TCP, TLS;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
