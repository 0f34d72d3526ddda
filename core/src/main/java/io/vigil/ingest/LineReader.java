package io.vigil.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream on {@code \n} (dropping a trailing {@code \r}) without decoding it, so that
 * invalid UTF-8 in one line cannot damage another. Lines longer than the limit are cut at the limit
 * and the rest of the line is skipped; {@link #truncated()} tells. Not thread-safe.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private boolean truncated;
    private boolean eof;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line (valid up to {@link #length()}), or null at the end of the stream. */
    byte[] next() throws IOException {
        length = 0;
        truncated = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    eof = true;
                    if (!any) {
                        return null;
                    }
                    return finish();
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            append(start, pos);
            if (pos < limit) {
                pos++; // the newline
                return finish();
            }
        }
    }

    int length() {
        return length;
    }

    boolean truncated() {
        return truncated;
    }

    private byte[] finish() {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return line;
    }

    private void append(int from, int to) {
        int n = to - from;
        int room = maxLineBytes - length;
        if (n > room) {
            truncated = true;
            n = Math.max(room, 0);
        }
        if (n == 0) {
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
        }
        System.arraycopy(buffer, from, line, length, n);
        length += n;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
