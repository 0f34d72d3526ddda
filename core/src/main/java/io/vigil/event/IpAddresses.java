package io.vigil.event;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literal checks that never touch DNS. */
public final class IpAddresses {
    private IpAddresses() {}

    /** True when {@code s} is an IPv4 dotted quad or an IPv6 literal. */
    public static boolean isIp(String s) {
        // Parsers ask this of every line; a dotted quad needs no InetAddress.
        if (s != null && !s.isEmpty() && s.length() <= 15 && s.indexOf(':') < 0 && s.indexOf('%') < 0) {
            return isDottedQuad(s);
        }
        return parse(s) != null;
    }

    /** The address for an IP literal, or null; host names are never resolved. */
    public static InetAddress parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        boolean colon = false;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dots++;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '%')) {
                return null;
            }
        }
        if (!colon && dots != 3) {
            return null;
        }
        if (!colon && !isDottedQuad(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String s) {
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }
}
