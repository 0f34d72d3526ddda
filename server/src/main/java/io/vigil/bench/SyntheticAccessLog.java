package io.vigil.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fast, deterministic nginx combined lines for load: a skewed population of client addresses
 * (a few heavy hitters, a long tail), common paths, status codes and agents, with timestamps
 * spread evenly over a time span. Not thread-safe: one per thread.
 */
public final class SyntheticAccessLog {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] PATHS = {
        "/", "/index.html", "/products/42", "/products?id=7", "/blog/2024/05/hello", "/static/app.js",
        "/static/site.css", "/images/logo.png", "/api/cart", "/login", "/admin", "/wp-login.php", "/.env",
        "/search?q=boots", "/api/orders/981", "/robots.txt", "/favicon.ico", "/../../etc/passwd"
    };
    private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 304, 304, 301, 302, 404, 404, 401, 403, 500};
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "HEAD"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "sqlmap/1.8#stable (https://sqlmap.org)", "curl/8.5.0"
    };

    private final SplittableRandom random;
    private final long startMillis;
    private final long spanMillis;
    private final long count;
    private long produced;

    /** {@code count} lines with times spread over [start, start + span). */
    public SyntheticAccessLog(long seed, Instant start, long spanMillis, long count) {
        this.random = new SplittableRandom(seed);
        this.startMillis = start.toEpochMilli();
        this.spanMillis = spanMillis;
        this.count = count;
    }

    public String next() {
        long t = startMillis + (long) ((double) spanMillis * produced / Math.max(1, count));
        produced++;
        StringBuilder sb = new StringBuilder(220);
        appendIp(sb);
        sb.append(" - - [").append(CLF.format(Instant.ofEpochMilli(t))).append("] \"");
        sb.append(METHODS[random.nextInt(METHODS.length)]).append(' ').append(PATHS[random.nextInt(PATHS.length)]);
        sb.append(" HTTP/1.1\" ").append(STATUS[random.nextInt(STATUS.length)]).append(' ')
                .append(random.nextInt(200_000)).append(" \"-\" \"").append(AGENTS[random.nextInt(AGENTS.length)]).append('"');
        return sb.toString();
    }

    private void appendIp(StringBuilder sb) {
        // 20% of traffic from 50 heavy hitters, the rest from ~1M addresses.
        int a;
        int b;
        int c;
        int d;
        if (random.nextInt(5) == 0) {
            int h = random.nextInt(50);
            a = 185;
            b = 220;
            c = 100 + h / 10;
            d = h;
        } else {
            // About a million distinct client addresses a day, as a busy public site sees.
            int r = random.nextInt(1 << 20);
            a = 11 + (r >>> 16) * 13 % 200;
            b = (r >>> 8) & 0xff;
            c = r & 0xff;
            d = 1 + (r * 31 + 7) % 254;
        }
        sb.append(a).append('.').append(b).append('.').append(c).append('.').append(d);
    }
}
