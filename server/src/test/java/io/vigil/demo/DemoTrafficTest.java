package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import io.vigil.parse.NginxAccessParser;
import io.vigil.parse.ParseResult;
import io.vigil.parse.RawEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {
    // A fractional second catches times that would round to before the start of the day.
    private static final Instant NOW = Instant.parse("2026-11-28T13:55:36.789Z");
    private static final long SEED = 42;
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final NginxAccessParser PARSER = new NginxAccessParser("nginx.access");
    private static final Pattern COMBINED = Pattern.compile("^\\S+ - \\S+ \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} "
            + "\\+0000\\] \"[^\"]*\" \\d{3} \\d+ \"[^\"]*\" \"[^\"]*\"$");

    private static List<String> lines;
    private static List<Event> events;

    @BeforeAll
    static void generateOneDay() {
        lines = DemoTraffic.generate(NOW, SEED);
        events = parseAll(lines);
    }

    private static List<Event> parseAll(List<String> lines) {
        List<Event> parsed = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (PARSER.parse(RawEvent.of(line)) instanceof ParseResult.Parsed p) {
                parsed.addAll(p.events());
            }
        }
        return parsed;
    }

    @Test
    void everyLineParsesAsNginxCombined() {
        List<String> failures = lines.stream()
                .filter(line -> PARSER.parse(RawEvent.of(line)) instanceof ParseResult.Failed)
                .limit(5)
                .collect(Collectors.toList());
        assertThat(failures).isEmpty();
        assertThat(events).hasSameSizeAs(lines);
    }

    @Test
    void everyLineHasTheExactCombinedLayoutWithQuotesEscapedAsNginxDoes() {
        List<String> odd = lines.stream().filter(line -> !COMBINED.matcher(line).matches()).limit(5)
                .collect(Collectors.toList());
        assertThat(odd).isEmpty();
        assertThat(lines).anyMatch(line -> line.contains("\\x22"));
        assertThat(events).anyMatch(e -> agent(e).contains("alert(\"xss\")"));
    }

    @Test
    void timestampsLieWithinTheDayBeforeNowInAscendingOrder() {
        Instant start = NOW.minus(DAY);
        Instant previous = start;
        for (Event e : events) {
            Instant t = e.timestamp();
            assertThat(t).isAfterOrEqualTo(start).isBefore(NOW).isAfterOrEqualTo(previous);
            previous = t;
        }
        assertThat(events.get(0).timestamp()).isBefore(start.plus(Duration.ofHours(1)));
        assertThat(events.get(events.size() - 1).timestamp()).isAfter(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void holdsForOtherSeedsAndForANowOnAWholeSecond() {
        Instant now = Instant.parse("2027-03-01T00:00:00Z");
        for (long seed = 1; seed <= 3; seed++) {
            List<String> day = DemoTraffic.generate(now, seed);
            List<Event> parsed = parseAll(day);
            assertThat(day).hasSizeBetween(30_000, 50_000);
            assertThat(parsed).hasSameSizeAs(day);
            assertThat(parsed.get(0).timestamp()).isAfterOrEqualTo(now.minus(DAY));
            assertThat(parsed.get(parsed.size() - 1).timestamp()).isBefore(now);
        }
    }

    @Test
    void lineCountIsBetweenThirtyAndFiftyThousand() {
        assertThat(lines).hasSizeBetween(30_000, 50_000);
    }

    @Test
    void daytimeUtcIsBusierThanNight() {
        long day = events.stream().filter(e -> hour(e) >= 12 && hour(e) < 18).count();
        long night = events.stream().filter(e -> hour(e) < 6).count();
        assertThat(day).isGreaterThan(2 * night);
    }

    @Test
    void sameNowAndSeedGiveTheSameLines() {
        assertThat(DemoTraffic.generate(NOW, SEED)).isEqualTo(lines);
        assertThat(DemoTraffic.generate(NOW, SEED + 1)).isNotEqualTo(lines);
    }

    @Test
    void someAddressGetsMoreThanFiveAuthFailuresWithinFiveMinutes() {
        assertThat(burstingAddresses(e -> true)).isNotEmpty();
    }

    @Test
    void atLeastFiveAddressesBurstAgainstLoginOrAdmin() {
        Predicate<Event> signIn = e -> url(e).startsWith("/login") || url(e).startsWith("/admin");
        assertThat(burstingAddresses(signIn)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void basicAuthGuessesCarryTheUserNameTried() {
        Set<Object> users = events.stream()
                .filter(e -> status(e) == 401 && url(e).startsWith("/admin"))
                .map(e -> e.get("user.name"))
                .collect(Collectors.toSet());
        assertThat(users).contains("admin", "root", "test");
    }

    @Test
    void containsPathTraversalAttemptsMostlyRefused() {
        List<Event> traversal = events.stream().filter(e -> {
            String u = url(e).toLowerCase(Locale.ROOT);
            return u.contains("../") || u.contains("..%2f") || u.contains("etc/passwd");
        }).collect(Collectors.toList());
        long refused = traversal.stream().filter(e -> status(e) == 400 || status(e) == 404).count();
        assertThat(traversal).hasSizeGreaterThanOrEqualTo(10);
        assertThat(refused).isGreaterThan(traversal.size() / 2);
    }

    @Test
    void containsScannerUserAgents() {
        for (String scanner : List.of("Nikto", "sqlmap", "Nuclei", "masscan", "zgrab")) {
            assertThat(events).as(scanner).anyMatch(e -> agent(e).contains(scanner));
        }
        assertThat(events).anyMatch(e -> url(e).equals("/.env") && status(e) == 403);
        assertThat(events).anyMatch(e -> url(e).equals("/wp-login.php") && status(e) == 404);
    }

    @Test
    void containsSqlInjectionXssAndLog4ShellProbes() {
        assertThat(events).anyMatch(e -> url(e).contains("1'+OR+'1'='1"));
        assertThat(events).anyMatch(e -> url(e).toUpperCase(Locale.ROOT).contains("UNION%20SELECT"));
        assertThat(events).anyMatch(e -> url(e).contains("%3Cscript%3E"));
        assertThat(events).anyMatch(e -> agent(e).startsWith("${jndi:ldap://"));
    }

    @Test
    void credentialStuffingComesFromManyAddressesWithinAnHour() {
        List<Event> failures = events.stream()
                .filter(e -> status(e) == 401 && "POST".equals(e.get("http.request.method")) && url(e).equals("/login"))
                .collect(Collectors.toList());
        int widest = 0;
        for (int i = 0; i < failures.size(); i++) {
            Instant end = failures.get(i).timestamp().plus(Duration.ofHours(1));
            Set<String> addresses = new HashSet<>();
            for (int j = i; j < failures.size() && failures.get(j).timestamp().isBefore(end); j++) {
                addresses.add(ip(failures.get(j)));
            }
            widest = Math.max(widest, addresses.size());
        }
        assertThat(widest).isGreaterThanOrEqualTo(50);
    }

    @Test
    void slowBruteForceSucceedsAfterHoursOfSpacedFailures() {
        Map<String, List<Event>> logins = events.stream()
                .filter(e -> "POST".equals(e.get("http.request.method")) && url(e).equals("/login"))
                .collect(Collectors.groupingBy(DemoTrafficTest::ip));
        assertThat(logins.values()).anyMatch(DemoTrafficTest::isSlowBruteForce);
    }

    @Test
    void attackersNeverBrowseLikeVisitors() {
        Set<String> attackers = events.stream().filter(e -> {
            String a = agent(e);
            return a.contains("Nikto") || a.contains("sqlmap") || a.contains("Nuclei") || a.contains("${jndi")
                    || url(e).contains("etc/passwd") || url(e).startsWith("/admin");
        }).map(DemoTrafficTest::ip).collect(Collectors.toSet());
        Set<String> browsers = events.stream().filter(e -> url(e).endsWith(".css"))
                .map(DemoTrafficTest::ip).collect(Collectors.toSet());
        assertThat(attackers).isNotEmpty().doesNotContainAnyElementsOf(browsers);
    }

    @Test
    void internetClientsUsePublicAddressesAndOnlyTheHealthProbeIsInternal() {
        Set<String> internal = new HashSet<>();
        for (Event e : events) {
            InetAddress address = IpAddresses.parse(ip(e));
            assertThat(address).as(ip(e)).isNotNull();
            if (address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                internal.add(url(e));
            }
        }
        assertThat(internal).containsExactly("/health");
    }

    @Test
    void visitorsComeFromAFewHundredAddresses() {
        long visitors = events.stream().filter(e -> url(e).endsWith(".css")).map(DemoTrafficTest::ip)
                .distinct().count();
        assertThat(visitors).isBetween(200L, 1_000L);
    }

    @Test
    void generatesADayWellUnderASecond() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isCurrentThreadCpuTimeSupported(), "thread CPU time is not measurable here");
        DemoTraffic.generate(NOW, SEED + 2); // warm up: the JIT is not what this measures
        long before = threads.getCurrentThreadCpuTime();
        DemoTraffic.generate(NOW, SEED + 3);
        // CPU time, not wall time, so that a busy build machine does not fail the test.
        assertThat(Duration.ofNanos(threads.getCurrentThreadCpuTime() - before)).isLessThan(Duration.ofSeconds(1));
    }

    /** Addresses with more than five 401/403 answers among matching requests within five minutes. */
    private static Set<String> burstingAddresses(Predicate<Event> requests) {
        Map<String, List<Instant>> failures = new HashMap<>();
        for (Event e : events) {
            if ((status(e) == 401 || status(e) == 403) && requests.test(e)) {
                failures.computeIfAbsent(ip(e), k -> new ArrayList<>()).add(e.timestamp());
            }
        }
        return failures.entrySet().stream().filter(f -> moreThanFiveWithinFiveMinutes(f.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static boolean moreThanFiveWithinFiveMinutes(List<Instant> times) {
        for (int i = 5; i < times.size(); i++) {
            if (Duration.between(times.get(i - 5), times.get(i)).compareTo(FIVE_MINUTES) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Twenty or more failures spread over hours, never bursting, and then a successful sign-in. */
    private static boolean isSlowBruteForce(List<Event> logins) {
        List<Instant> failures = logins.stream().filter(e -> status(e) == 401).map(Event::timestamp)
                .collect(Collectors.toList());
        if (failures.size() < 20 || moreThanFiveWithinFiveMinutes(failures)) {
            return false;
        }
        Instant last = failures.get(failures.size() - 1);
        boolean spread = Duration.between(failures.get(0), last).compareTo(Duration.ofHours(3)) > 0;
        return spread && logins.stream().anyMatch(e -> status(e) == 302 && e.timestamp().isAfter(last));
    }

    private static long status(Event e) {
        return (Long) e.get("http.response.status_code");
    }

    private static String ip(Event e) {
        return (String) e.get("source.ip");
    }

    private static String url(Event e) {
        Object url = e.get("url.original");
        return url == null ? "" : (String) url;
    }

    private static String agent(Event e) {
        Object agent = e.get("user_agent.original");
        return agent == null ? "" : (String) agent;
    }

    private static int hour(Event e) {
        return e.timestamp().atOffset(ZoneOffset.UTC).getHour();
    }
}
