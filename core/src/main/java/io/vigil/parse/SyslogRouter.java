package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Syslog lines as a syslog receiver gets them from many programs at once: the header is read as
 * {@link SyslogParser} reads it, and the program (RFC 3164 tag, RFC 5424 APP-NAME) chooses the
 * type that parses the body, so that an nginx access line sent through syslog gets the same
 * fields as one sent as a file.
 *
 * <p>For each line: the program is looked up in the map (as written, then lower-cased, then
 * without a {@code (pam_unix)}-style suffix, then after the last {@code /}); each of its types is
 * tried in order and the first that understands the line wins. A type whose parser reads syslog
 * lines itself ({@code syslog}, {@code sshd}) gets the whole line; any other gets the body, and its
 * events keep the header's fields ({@code host.*}, {@code process.name/pid},
 * {@code log.syslog.*}, {@code syslog.message}) where the body gave none, the body's
 * {@code @timestamp} and {@code event.dataset} winning. {@code message} stays the whole line.
 * Lines of other programs, and lines no mapped type understands (a kernel line that is not a
 * netfilter log), are parsed by type {@code syslog}: header fields, and authentication fields for
 * {@code sshd}, {@code sudo} and {@code su}.
 *
 * <p>Failed only for a line without a syslog header. Types are looked up in the registry at each
 * line, so user-defined types work and a type removed at run time is skipped. Thread-safe; never
 * throws on malformed input.
 */
public final class SyslogRouter implements Parser {
    /** The type of lines no mapped type claims. */
    public static final String FALLBACK_TYPE = "syslog";

    /**
     * The built-in program map. nginx logs access and error lines under one tag; PostgreSQL and
     * MySQL/MariaDB log under their daemon names; netfilter logs come from the kernel.
     */
    public static final Map<String, List<String>> DEFAULT_PROGRAMS = defaults();

    /** PostgreSQL's syslog output puts {@code [line-segment] } before its log_line_prefix. */
    private static final Pattern POSTGRES_SEQUENCE = Pattern.compile("^\\[\\d{1,18}-\\d{1,9}\\] ");

    private final ParserRegistry types;
    private final Map<String, List<String>> programs;
    private final SyslogParser headerOnly = new SyslogParser(Map.of());
    private final Parser fallback = SyslogParser.standard();

    /**
     * @param types where types are found, at each line
     * @param programs types to try, in order, by program name; replaces the defaults (see
     *     {@link #withDefaults})
     * @throws IllegalArgumentException naming every program with no types or a type not in
     *     {@code types}
     */
    public SyslogRouter(ParserRegistry types, Map<String, List<String>> programs) {
        this.types = Objects.requireNonNull(types, "types");
        this.programs = Map.copyOf(check(types, programs));
    }

    /** The router for the built-in program map plus {@code extra}, whose entries win. */
    public static SyslogRouter withDefaults(ParserRegistry types, Map<String, List<String>> extra) {
        return new SyslogRouter(types, withDefaults(extra));
    }

    /** The built-in program map with {@code extra}'s entries added or replacing. */
    public static Map<String, List<String>> withDefaults(Map<String, List<String>> extra) {
        Map<String, List<String>> merged = new LinkedHashMap<>(DEFAULT_PROGRAMS);
        merged.putAll(extra);
        return merged;
    }

    /** The program map in use. */
    public Map<String, List<String>> programs() {
        return programs;
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        ParseResult read = headerOnly.parse(raw);
        if (!(read instanceof ParseResult.Parsed parsed)) {
            return read;
        }
        Event header = parsed.events().get(0);
        for (String type : typesFor(header.getString(EcsSyslog.LOG_SYSLOG_APPNAME))) {
            Parser parser = types.find(type).orElse(null);
            if (parser == null) {
                continue;
            }
            ParseResult result = parser instanceof SyslogParser ? parser.parse(raw) : body(parser, header, raw);
            if (understood(result)) {
                return result;
            }
        }
        return types.find(FALLBACK_TYPE).orElse(fallback).parse(raw);
    }

    private List<String> typesFor(String program) {
        if (program == null) {
            return List.of();
        }
        List<String> found = programs.get(program);
        if (found == null) {
            found = programs.get(program.toLowerCase(Locale.ROOT));
        }
        int paren = program.indexOf('(');
        if (found == null && paren > 0 && program.endsWith(")")) {
            found = programs.get(program.substring(0, paren));
        }
        if (found == null && program.indexOf('/') >= 0) {
            found = programs.get(program.substring(program.lastIndexOf('/') + 1));
        }
        return found == null ? List.of() : found;
    }

    /** Parses the body with {@code parser}; its events get the header's fields and the whole line. */
    private static ParseResult body(Parser parser, Event header, RawEvent raw) {
        String body = header.getString(EcsSyslog.SYSLOG_MESSAGE);
        if (body == null || body.isBlank()) {
            return new ParseResult.Failed(raw, "empty syslog body");
        }
        ParseResult result = parser.parse(new RawEvent(body, raw.received()));
        if (!understood(result) && POSTGRES_SEQUENCE.matcher(body).find()) {
            String unsequenced = POSTGRES_SEQUENCE.matcher(body).replaceFirst("");
            result = parser.parse(new RawEvent(unsequenced, raw.received()));
        }
        if (!understood(result)) {
            return result;
        }
        List<Event> events = new ArrayList<>();
        for (Event e : ((ParseResult.Parsed) result).events()) {
            header.fields().forEach(e::putIfAbsent);
            e.put(Ecs.MESSAGE, raw.text());
            events.add(e);
        }
        return new ParseResult.Parsed(events);
    }

    /**
     * Parsed into at least one event that is not a parse failure. A line that gives no event (a
     * VPC flow header) is not understood here: a syslog line is kept whatever it says.
     */
    private static boolean understood(ParseResult result) {
        return result instanceof ParseResult.Parsed parsed
                && parsed.events().stream().anyMatch(e -> !e.hasTag(Ecs.TAG_PARSE_FAILURE));
    }

    private static Map<String, List<String>> check(ParserRegistry types, Map<String, List<String>> programs) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        programs.forEach((program, list) -> {
            if (program == null || program.isBlank()) {
                problems.add("a program name is empty");
            } else if (list == null || list.isEmpty()) {
                problems.add("program '" + program + "' has no type");
            } else {
                list.stream().filter(t -> types.find(t).isEmpty())
                        .forEach(t -> problems.add("program '" + program + "': unknown type '" + t + "'"));
                copy.put(program, List.copyOf(list));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + " (known types: "
                    + String.join(", ", types.types()) + ")");
        }
        return copy;
    }

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("nginx", List.of("nginx", "nginx_error"));
        for (String apache : List.of("apache", "apache2", "httpd")) {
            m.put(apache, List.of("apache", "apache_error"));
        }
        m.put("haproxy", List.of("haproxy"));
        m.put("kernel", List.of("iptables"));
        m.put("postgres", List.of("postgresql"));
        m.put("postgresql", List.of("postgresql"));
        for (String mysql : List.of("mysqld", "mariadbd", "mysql", "mariadb")) {
            m.put(mysql, List.of("mysql"));
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
