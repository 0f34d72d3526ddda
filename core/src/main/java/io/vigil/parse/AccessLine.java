package io.vigil.parse;

/**
 * The fields of one combined or common format access line, found by a single left-to-right scan:
 * {@code host ident user [time] "request" status bytes ["referrer" "agent"] [anything]}.
 *
 * <p>What precedes the time is read as {@link AccessHead} reads it (virtual host, forwarded
 * addresses, a user name with spaces). Fields after it are separated by one space; the time runs
 * to the first {@code ]}; quoted fields may hold any character, a backslash
 * escaping the one after it (not a line break); the status is three digits or {@code -}; the byte
 * count digits or {@code -}. What follows the agent is ignored, but may not hold a line break.
 *
 * @param status the status code, or -1 for {@code -}
 * @param bytes the byte count, or null for {@code -} or a count too large to be one
 * @param referrer the referrer as written (escapes included), or null when the line has none
 * @param agent the user agent as written, or null when the line has none
 */
record AccessLine(AccessHead head, String time, String request, int status, Long bytes,
                  String referrer, String agent) {

    /** The fields of {@code s}, or null when it is not an access line. */
    static AccessLine scan(String s) {
        int headEnd = s.indexOf(" [");
        AccessHead head = headEnd > 0 ? AccessHead.read(s, headEnd) : null;
        if (head == null) {
            return null;
        }
        int timeStart = headEnd + 2;
        int timeEnd = s.indexOf(']', timeStart);
        if (timeEnd <= timeStart || !s.startsWith(" \"", timeEnd + 1)) {
            return null;
        }
        int requestStart = timeEnd + 3;
        int requestEnd = quoted(s, requestStart);
        if (requestEnd < 0 || !s.startsWith(" ", requestEnd + 1)) {
            return null;
        }
        int statusStart = requestEnd + 2;
        int status;
        int statusEnd;
        if (s.startsWith("-", statusStart)) {
            status = -1;
            statusEnd = statusStart + 1;
        } else {
            statusEnd = statusStart + 3;
            if (digits(s, statusStart) < statusEnd) {
                return null;
            }
            status = Integer.parseInt(s, statusStart, statusEnd, 10);
        }
        if (!s.startsWith(" ", statusEnd)) {
            return null;
        }
        int bytesStart = statusEnd + 1;
        int bytesEnd = s.startsWith("-", bytesStart) ? bytesStart + 1 : digits(s, bytesStart);
        if (bytesEnd == bytesStart) {
            return null;
        }
        Tail tail = Tail.after(s, bytesEnd);
        if (tail == null) {
            return null;
        }
        return new AccessLine(head, s.substring(timeStart, timeEnd), s.substring(requestStart, requestEnd), status,
                byteCount(s, bytesStart, bytesEnd), tail.referrer(), tail.agent());
    }

    /**
     * What follows the byte count: optionally {@code "referrer" "agent"}, optionally one more quoted
     * field, then anything without a line break. The first arrangement that leaves a clean rest wins,
     * trying the referrer and agent first.
     */
    private record Tail(String referrer, String agent) {
        private static final Tail NONE = new Tail(null, null);

        static Tail after(String s, int at) {
            int[] pair = pair(s, at);
            if (pair != null && (cleanRest(s, single(s, pair[4])) || cleanRest(s, pair[4]))) {
                return new Tail(s.substring(pair[0], pair[1]), s.substring(pair[2], pair[3]));
            }
            return cleanRest(s, single(s, at)) || cleanRest(s, at) ? NONE : null;
        }

        /**
         * {@code  "a" "b"} at {@code at}: the bounds of a and b and the end, or null. An empty
         * referrer may be a bare {@code -}, as Traefik writes it.
         */
        private static int[] pair(String s, int at) {
            int firstStart;
            int firstEnd;
            if (s.startsWith(" - \"", at)) {
                firstStart = at + 1;
                firstEnd = at + 2;
            } else if (s.startsWith(" \"", at)) {
                firstStart = at + 2;
                firstEnd = quoted(s, firstStart);
            } else {
                return null;
            }
            // After a quoted field its closing quote, after a bare one nothing, then ' "'.
            int gap = firstStart == at + 1 ? firstEnd : firstEnd + 1;
            if (firstEnd < 0 || !s.startsWith(" \"", gap)) {
                return null;
            }
            int secondEnd = quoted(s, gap + 2);
            return secondEnd < 0 ? null : new int[] {firstStart, firstEnd, gap + 2, secondEnd, secondEnd + 1};
        }

        /** The end of {@code  "x"} at {@code at}, or -1 when there is none. */
        private static int single(String s, int at) {
            if (!s.startsWith(" \"", at)) {
                return -1;
            }
            int end = quoted(s, at + 2);
            return end < 0 ? -1 : end + 1;
        }
    }

    /** Whether the text from {@code at} holds no line break. */
    private static boolean cleanRest(String s, int at) {
        if (at < 0) {
            return false;
        }
        for (int i = at; i < s.length(); i++) {
            if (isLineBreak(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The end of a run of ASCII digits starting at {@code at}. */
    static int digits(String s, int at) {
        int i = at;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /**
     * The index of the quote closing a field whose text starts at {@code at}, or -1. A backslash
     * escapes the next character, unless that is a line break or the end.
     */
    private static int quoted(String s, int at) {
        int i = at;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                if (i + 1 >= s.length() || isLineBreak(s.charAt(i + 1))) {
                    return -1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static Long byteCount(String s, int start, int end) {
        // More than 18 digits cannot be a byte count a server wrote; it is not kept rather than overflowing.
        return s.charAt(start) == '-' || end - start > 18 ? null : Long.parseLong(s, start, end, 10);
    }

    /** White space as log formats separate fields with it: space, tab, line feed, vertical tab, form feed, return. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
