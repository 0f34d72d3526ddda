package io.vigil.parse;

import io.vigil.event.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What an access line holds before its {@code [time]}: in the standard formats
 * {@code host ident user}, and in the variants servers are commonly configured to write,
 * a virtual host first ({@code www.example.org:443 1.2.3.4 - -}, Apache's {@code vhost_combined}
 * and the like), the {@code X-Forwarded-For} addresses before the peer
 * ({@code 10.0.0.2, 10.0.0.1, 85.181.35.98 - -}, quoted or not), no ident at all
 * ({@code 1.2.3.4 - [}), or a user name with spaces ({@code 1.2.3.4 - john doe [}).
 *
 * <p>The ident is nearly always {@code -}, so the first {@code -} after an address separates the
 * addresses from the user; without one, the last two words are ident and user, as the standard
 * format has them. A host name followed by more addresses is the virtual host. Of several
 * addresses the client is the first public one, else the first: the private ones are the proxies
 * the request passed through. Any other word before the user makes the line not an access line.
 *
 * @param vhost the virtual host name, or null
 * @param vhostPort its port, or null
 * @param addresses the client addresses in the order written, possibly empty
 * @param user the user name, or {@code -}
 */
record AccessHead(String vhost, Long vhostPort, List<String> addresses, String user) {

    /** The head of {@code line}, the text before {@code end}; null when it has no user field. */
    static AccessHead read(String line, int end) {
        // The standard "host - user" is by far the most common: read it without splitting.
        int firstSpace = line.indexOf(' ');
        if (firstSpace > 0 && firstSpace + 3 < end && line.startsWith(" - ", firstSpace)
                && line.indexOf(' ', firstSpace + 3) == end) {
            String host = line.substring(0, firstSpace);
            if ((isHostName(host) || IpAddresses.isIp(host)) && noSpace(line, firstSpace + 3, end)) {
                return new AccessHead(null, null, List.of(host), line.substring(firstSpace + 3, end));
            }
        }
        return read(words(line, end));
    }

    private static AccessHead read(List<String> words) {
        if (words.size() < 2) {
            return null;
        }
        int dash = -1;
        for (int i = 1; i < words.size() && dash < 0; i++) {
            if (words.get(i).equals("-")) {
                dash = i;
            }
        }
        List<String> hosts;
        String user;
        if (dash > 0) {
            hosts = words.subList(0, dash);
            user = user(words.subList(dash + 1, words.size()));
        } else if (words.size() >= 3) {
            hosts = words.subList(0, words.size() - 2);
            user = words.get(words.size() - 1);
        } else {
            hosts = words.subList(0, 1);
            user = words.get(1);
        }
        return hosts(hosts, user);
    }

    /** The words after the ident: a user name, which may hold spaces; further {@code -} around it are padding. */
    private static String user(List<String> words) {
        int from = 0;
        int to = words.size();
        while (to - from > 1 && words.get(from).equals("-")) {
            from++;
        }
        while (to - from > 1 && words.get(to - 1).equals("-")) {
            to--;
        }
        return from == to ? "-" : String.join(" ", words.subList(from, to));
    }

    /** Null when a word before the user is neither an address, a name, nor a placeholder such as {@code (-)}. */
    private static AccessHead hosts(List<String> hosts, String user) {
        int first = 0;
        while (first < hosts.size() - 1 && isPlaceholder(hosts.get(first))) {
            first++;
        }
        String vhost = null;
        Long port = null;
        String head = hosts.get(first);
        if (first < hosts.size() - 1 && !head.endsWith(",") && !head.startsWith("\"")) {
            int colon = head.lastIndexOf(':');
            String name = colon > 0 && head.indexOf(':') == colon ? head.substring(0, colon) : head;
            if (!IpAddresses.isIp(name) && isHostName(name)) {
                vhost = name;
                port = name.equals(head) ? null : portOrNull(head.substring(colon + 1));
                first++;
            }
        }
        List<String> addresses = new ArrayList<>(hosts.size() - first);
        for (String host : hosts.subList(first, hosts.size())) {
            String address = strip(host);
            if (isHostName(address) || IpAddresses.isIp(address)) {
                addresses.add(address);
            } else if (!isPlaceholder(address)) {
                return null;
            }
        }
        return new AccessHead(vhost, port, List.copyOf(addresses), user);
    }

    /**
     * The address the request came from: the first public address, else the first address, else
     * the first name; null when there is none.
     */
    String client() {
        if (addresses.size() == 1) {
            return addresses.get(0);
        }
        String firstAddress = null;
        for (String address : addresses) {
            InetAddress ip = IpAddresses.parse(address);
            if (ip != null && isPublic(ip)) {
                return address;
            }
            if (ip != null && firstAddress == null) {
                firstAddress = address;
            }
        }
        return firstAddress != null ? firstAddress : addresses.isEmpty() ? null : addresses.get(0);
    }

    private static boolean isPublic(InetAddress ip) {
        boolean uniqueLocal = ip instanceof Inet6Address && (ip.getAddress()[0] & 0xfe) == 0xfc;
        return !(ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress()
                || ip.isAnyLocalAddress() || uniqueLocal);
    }

    private static List<String> words(String line, int end) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || AccessLine.isSpace(line.charAt(i))) {
                if (i > start) {
                    words.add(line.substring(start, i));
                }
                start = i + 1;
            }
        }
        return words;
    }

    /** A forwarded-for list member without its quotes and separating comma. */
    private static String strip(String host) {
        int from = 0;
        int to = host.length();
        while (from < to && host.charAt(from) == '"') {
            from++;
        }
        while (to > from && (host.charAt(to - 1) == ',' || host.charAt(to - 1) == '"')) {
            to--;
        }
        return host.substring(from, to);
    }

    /** An empty value as custom formats write it: {@code -}, {@code (-)}, {@code ""}. */
    private static boolean isPlaceholder(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c != '-' && c != '(' && c != ')') {
                return false;
            }
        }
        return true;
    }

    private static boolean noSpace(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (AccessLine.isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253 || s.equals("-")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static Long portOrNull(String s) {
        return s.length() >= 1 && s.length() <= 5 && AccessLine.digits(s, 0) == s.length() ? Long.valueOf(s) : null;
    }
}
