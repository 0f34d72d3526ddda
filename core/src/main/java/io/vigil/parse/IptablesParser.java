package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Netfilter packet logs (the iptables/nftables {@code LOG} target, UFW, Ubiquiti EdgeOS, Proxmox
 * firewall), type {@code iptables}, dataset {@code iptables.log}:
 * <pre>
 * Nov 28 10:00:00 host kernel: [12345.678] [UFW BLOCK] IN=eth0 OUT= MAC=... SRC=1.2.3.4 DST=5.6.7.8
 *     LEN=40 TOS=0x00 PREC=0x00 TTL=245 ID=54321 PROTO=TCP SPT=54321 DPT=22 WINDOW=1024 RES=0x00 SYN URGP=0
 * </pre>
 * (one line), with a BSD or ISO syslog header, with Proxmox's {@code vmid level chain [date]} header,
 * or with none. The log prefix (text before the fields, without the kernel's uptime stamp) becomes
 * {@code event.action}, lower-cased with spaces as underscores ({@code ufw_block}, {@code
 * iptables-drop}); its verdict word (block, drop, deny, reject / allow, accept, or a Ubiquiti
 * {@code -D}/{@code -R}/{@code -A} suffix) sets {@code event.type} {@code [denied|allowed, connection]}
 * and {@code event.outcome} failure/success. Without a verdict (UFW AUDIT, a bare LOG) there is no
 * outcome.
 *
 * <p>Fields: {@code source.ip/port/mac}, {@code destination.ip/port/mac}, {@code network.transport}
 * (IANA keyword, lower case), {@code network.iana_number}, {@code network.type},
 * {@code network.direction} (ingress or egress as seen by the logging host),
 * {@code observer.ingress.interface.name} (IN), {@code observer.egress.interface.name} (OUT),
 * {@code user.id}/{@code group.id} (UID/GID), and {@code iptables.*}: {@code ttl}, {@code id},
 * {@code length}, {@code tos}, {@code precedence_bits}, {@code flow_label}, {@code fragment_flags},
 * {@code tcp.flags} (list), {@code tcp.window}, {@code tcp.seq}, {@code tcp.ack},
 * {@code tcp.reserved_bits}, {@code udp.length}, {@code icmp.type/code/id/seq}, other keys as
 * {@code iptables.<key>} strings. The original packet an ICMP error quotes ({@code [SRC=... ]}) is
 * skipped.
 *
 * <p>Time: the syslog header's (RFC 3164 year inferred by {@link SyslogTime}, zone UTC), Proxmox's
 * date with its offset, or none. Never throws; thread-safe (stateless).
 */
public final class IptablesParser implements Parser {
    public static final String DATASET = "iptables.log";

    /** Where the fields start: the first of these keys at the start of a token. */
    private static final String NO_FIELDS = "no netfilter fields (IN=, OUT=, SRC=, DST=) in the line";
    private static final Pattern FIELDS_START = Pattern.compile("(?:^|(?<=[\\s\\]:]))(?:IN|OUT|PHYSIN|MAC|SRC)=");
    private static final Pattern PROXMOX = Pattern.compile(
            "^(\\d{1,10}) (\\d) (\\S+) (\\d{2}/[A-Za-z]{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}) (.*)$", Pattern.DOTALL);
    /** What a syslog tag and the kernel's uptime stamp leave in front of the log prefix. */
    private static final Pattern PREFIX_NOISE = Pattern.compile(
            "^\\s*(?:(?:kernel|[\\w.-]+\\[\\d{1,10}\\]): )?(?:\\[\\s*\\d+\\.\\d+\\]\\s*)?");
    private static final Pattern WORDS = Pattern.compile("[^A-Za-z0-9]+");
    private static final Pattern UBIQUITI = Pattern.compile("^\\[?[^\\]\\s]+-[^\\]\\s-]+-([ADR])\\]?$");
    private static final Set<String> DENY_WORDS = Set.of(
            "block", "blocked", "drop", "dropped", "deny", "denied", "reject", "rejected");
    private static final Set<String> ALLOW_WORDS = Set.of("allow", "allowed", "accept", "accepted", "pass");

    @Override
    public ParseResult parse(RawEvent raw) {
        String line = raw.text();
        // Every field the start looks for ends in '='; a line without one is not netfilter's (auto tries many).
        if (line.indexOf('=') < 0) {
            return new ParseResult.Failed(raw, NO_FIELDS);
        }
        Event e = new Event();
        String rest = header(line, raw.received(), e);
        Matcher start = FIELDS_START.matcher(rest);
        if (!start.find()) {
            return new ParseResult.Failed(raw, NO_FIELDS);
        }
        NetfilterFields fields = NetfilterFields.read(rest.substring(start.start()));
        if (fields.source() == null || fields.destination() == null) {
            return new ParseResult.Failed(raw, "netfilter line without SRC= and DST=");
        }
        e.put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, DATASET)
                .put(Ecs.EVENT_MODULE, "iptables")
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("network"));
        verdict(prefix(rest.substring(0, start.start())), e);
        fields.putInto(e);
        return ParseResult.of(e);
    }

    /** Reads a syslog or Proxmox header into {@code e}; answers the text after it. */
    private static String header(String line, Instant received, Event e) {
        SyslogPrefix header = SyslogPrefix.parse(line, received);
        if (header != null) {
            e.put(Ecs.TIMESTAMP, header.time());
            if (header.host() != null) {
                e.put(IpAddresses.isIp(header.host()) ? Ecs.HOST_IP : Ecs.HOST_NAME, header.host());
            }
            return header.rest();
        }
        Matcher proxmox = PROXMOX.matcher(line);
        if (proxmox.matches()) {
            e.put(Ecs.TIMESTAMP, Timestamps.clf(proxmox.group(4)));
            e.put("iptables.proxmox.vmid", Long.valueOf(proxmox.group(1)));
            e.put("iptables.chain", proxmox.group(3));
            return proxmox.group(5);
        }
        return line;
    }

    /** The log prefix without syslog tag, uptime stamp and surrounding space; may be empty. */
    private static String prefix(String beforeFields) {
        Matcher noise = PREFIX_NOISE.matcher(beforeFields);
        String prefix = noise.lookingAt() ? beforeFields.substring(noise.end()) : beforeFields;
        return prefix.strip();
    }

    private static void verdict(String prefix, Event e) {
        // A prefix holding "=" is a mangled field, not a name a person gave the rule.
        if (prefix.isEmpty() || prefix.indexOf('=') >= 0) {
            e.put(Ecs.EVENT_TYPE, List.of("connection"));
            return;
        }
        e.put(Ecs.EVENT_ACTION, action(prefix));
        String verdict = verdictWord(prefix);
        if (verdict == null) {
            e.put(Ecs.EVENT_TYPE, List.of("connection"));
            return;
        }
        e.put(Ecs.EVENT_TYPE, List.of(verdict, "connection"));
        e.put(Ecs.EVENT_OUTCOME, verdict.equals("denied") ? "failure" : "success");
    }

    /** {@code [UFW BLOCK]} becomes {@code ufw_block}, {@code IPTABLES-DROP:} {@code iptables-drop}. */
    private static String action(String prefix) {
        int from = prefix.startsWith("[") ? 1 : 0;
        int to = prefix.length();
        while (to > from && (prefix.charAt(to - 1) == ':' || prefix.charAt(to - 1) == ']')) {
            to--;
        }
        return prefix.substring(from, to).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    /** "denied", "allowed" or null. */
    private static String verdictWord(String prefix) {
        for (String word : WORDS.split(prefix.toLowerCase(Locale.ROOT))) {
            if (DENY_WORDS.contains(word)) {
                return "denied";
            }
            if (ALLOW_WORDS.contains(word)) {
                return "allowed";
            }
        }
        // EdgeOS names rules "<ruleset>-<number>-<A|D|R>".
        Matcher ubiquiti = UBIQUITI.matcher(prefix);
        if (ubiquiti.matches()) {
            return ubiquiti.group(1).equals("A") ? "allowed" : "denied";
        }
        return null;
    }
}
