package io.vigil.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a syslog TCP stream into messages (RFC 6587). The framing is chosen per connection from
 * its first bytes: {@code 123 <34>...} (a length, a space) is octet counting, anything else is one
 * message per line. On an octet-counted connection a frame that does not start with a length is
 * read up to the end of its line, so one bad frame does not lose the rest of the stream.
 *
 * <p>Messages longer than the limit are cut to it and the rest is skipped; {@link #truncated()}
 * tells. A connection closed in the middle of a message gives what arrived, truncated. Line
 * framing drops the {@code \r} of {@code \r\n}; octet counting drops trailing line ends inside the
 * frame. Empty messages are skipped. Not thread-safe: one reader per connection.
 */
final class SyslogFrameReader {
    /** How a connection frames its messages. */
    enum Framing { UNKNOWN, OCTET_COUNTING, LINES }

    /** More digits than this is not a length (2^31 has 10). */
    private static final int MAX_LENGTH_DIGITS = 10;

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] message = new byte[1024];
    private int length;
    private boolean truncated;
    private Framing framing = Framing.UNKNOWN;

    SyslogFrameReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Reads the next message; false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            length = 0;
            truncated = false;
            if (!skipSeparators()) {
                return false;
            }
            long octets = framing == Framing.LINES ? -1 : octetLength();
            if (framing == Framing.UNKNOWN) {
                framing = octets >= 0 ? Framing.OCTET_COUNTING : Framing.LINES;
            }
            if (octets >= 0) {
                readCounted(octets);
                trimLineEnds();
            } else {
                readLine();
            }
            if (length > 0) {
                return true;
            }
        }
    }

    /** The message bytes, valid up to {@link #length()}; overwritten by the next call. */
    byte[] message() {
        return message;
    }

    int length() {
        return length;
    }

    boolean truncated() {
        return truncated;
    }

    Framing framing() {
        return framing;
    }

    /** Skips the line ends and spaces some senders put between frames; false at end of stream. */
    private boolean skipSeparators() throws IOException {
        while (true) {
            int b = peek(0);
            if (b < 0) {
                return false;
            }
            if (b != '\n' && b != '\r' && b != ' ' && b != 0) {
                return true;
            }
            pos++;
        }
    }

    /**
     * When the stream continues with {@code DIGITS SP}, consumes them and answers the length;
     * otherwise consumes nothing and answers -1.
     */
    private long octetLength() throws IOException {
        long value = 0;
        for (int i = 0; i <= MAX_LENGTH_DIGITS; i++) {
            int b = peek(i);
            if (b == ' ' && i > 0) {
                pos += i + 1;
                return value;
            }
            if (b < '0' || b > '9' || (i == 0 && b == '0')) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return -1;
    }

    private void readCounted(long octets) throws IOException {
        long remaining = octets;
        while (remaining > 0) {
            if (pos == limit && !fill()) {
                truncated = true;
                return;
            }
            int n = (int) Math.min(remaining, limit - pos);
            append(pos, n);
            pos += n;
            remaining -= n;
        }
    }

    private void readLine() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++;
                break;
            }
        }
        if (length > 0 && message[length - 1] == '\r') {
            length--;
        }
    }

    private void trimLineEnds() {
        while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == '\r' || message[length - 1] == 0)) {
            length--;
        }
    }

    private void append(int from, int n) {
        int room = maxBytes - length;
        if (n > room) {
            truncated = true;
            n = Math.max(room, 0);
        }
        if (n == 0) {
            return;
        }
        if (length + n > message.length) {
            message = Arrays.copyOf(message, Math.min(maxBytes, Math.max(length + n, message.length * 2)));
        }
        System.arraycopy(buffer, from, message, length, n);
        length += n;
    }

    /** The byte {@code ahead} positions after the current one, reading more if needed; -1 at end. */
    private int peek(int ahead) throws IOException {
        while (pos + ahead >= limit) {
            if (eof) {
                return -1;
            }
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
                return -1;
            }
            limit += n;
        }
        return buffer[pos + ahead] & 0xff;
    }

    /** Refills an exhausted buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
