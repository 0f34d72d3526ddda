package io.vigil.parse;

import io.vigil.event.Event;
import io.vigil.event.IpAddresses;

/**
 * Writes an address and port into the ECS endpoint fields ({@code source.*}, {@code destination.*}):
 * {@code .address} always, {@code .ip} only for an IP literal, {@code .domain} for a name, and
 * {@code .port} only for a number in 0-65535. Never throws.
 */
final class Endpoints {
    private Endpoints() {}

    /** @param side {@code source}, {@code destination}, {@code client} or {@code server} */
    static void put(Event e, String side, String address, String port) {
        if (address != null && !address.isEmpty() && !address.equals("-")) {
            e.put(side + ".address", address);
            e.put(side + (IpAddresses.isIp(address) ? ".ip" : ".domain"), address);
        }
        Long p = port(port);
        if (p != null) {
            e.put(side + ".port", p);
        }
    }

    /** A port number, or null when {@code s} is not one. */
    static Long port(String s) {
        Long n = number(s);
        return n != null && n <= 65_535 ? n : null;
    }

    /** A non-negative decimal number of at most 18 digits, or null. */
    static Long number(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }

    /**
     * Splits {@code host:port}, {@code [v6]:port} or a bare host; an IPv6 literal without brackets
     * is a host without port. Answers {host, port-or-null}.
     */
    static String[] hostPort(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close > 0) {
                String rest = s.substring(close + 1);
                return new String[] {s.substring(1, close), rest.startsWith(":") ? rest.substring(1) : null};
            }
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            return new String[] {s.substring(0, colon), s.substring(colon + 1)};
        }
        return new String[] {s, null};
    }
}
