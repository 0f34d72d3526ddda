package io.vigil.parse;

/**
 * The fields of one combined or common format access line, found by a single left-to-right scan:
 * {@code host ident user [time] "request" status bytes ["referrer" "agent"] [anything]}.
 *
 * <p>Fields are separated by one space; host, ident and user are runs of non-space characters;
 * the time runs to the first {@code ]}; quoted fields may hold any character, a backslash
 * escaping the one after it (not a line break); the status is three digits or {@code -}; the byte
 * count digits or {@code -}. What follows the agent is ignored, but may not hold a line break.
 *
 * @param status the status code, or -1 for {@code -}
 * @param bytes the byte count, or null for {@code -} or a count too large to be one
 * @param referrer the referrer as written (escapes included), or null when the line has none
 * @param agent the user agent as written, or null when the line has none
 */
record AccessLine(String address, String user, String time, String request, int status, Long bytes,
                  String referrer, String agent) {

    /** The fields of {@code s}, or null when it is not an access line. */
    static AccessLine scan(String s) {
        int addressEnd = token(s, 0);
        int identEnd = addressEnd < s.length() && s.charAt(addressEnd) == ' ' ? token(s, addressEnd + 1) : -1;
        if (addressEnd == 0 || identEnd <= addressEnd + 1 || identEnd >= s.length() || s.charAt(identEnd) != ' ') {
            return null;
        }
        int userEnd = token(s, identEnd + 1);
        if (userEnd == identEnd + 1 || !s.startsWith(" [", userEnd)) {
            return null;
        }
        int timeStart = userEnd + 2;
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
        return new AccessLine(s.substring(0, addressEnd), s.substring(identEnd + 1, userEnd),
                s.substring(timeStart, timeEnd), s.substring(requestStart, requestEnd), status,
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

        /** {@code  "a" "b"} at {@code at}: the bounds of a and b and the end, or null. */
        private static int[] pair(String s, int at) {
            if (!s.startsWith(" \"", at)) {
                return null;
            }
            int firstEnd = quoted(s, at + 2);
            if (firstEnd < 0 || !s.startsWith(" \"", firstEnd + 1)) {
                return null;
            }
            int secondEnd = quoted(s, firstEnd + 3);
            return secondEnd < 0 ? null : new int[] {at + 2, firstEnd, firstEnd + 3, secondEnd, secondEnd + 1};
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

    /** The end of a run of non-space characters starting at {@code at}. */
    private static int token(String s, int at) {
        int i = at;
        while (i < s.length() && !isSpace(s.charAt(i))) {
            i++;
        }
        return i;
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
