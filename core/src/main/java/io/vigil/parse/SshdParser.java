package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSH server messages: logins accepted and failed (password, publickey, keyboard-interactive,
 * hostbased), invalid users, too many attempts, disconnects, scanners that never speak SSH, failed
 * key exchange, refused and timed-out connections, and the PAM messages sshd logs (through
 * {@link PamParser}). A trailing {@code [preauth]} and a leading {@code error: } or
 * {@code fatal: } are ignored when matching.
 *
 * <p>Fields: {@code event.action} ({@code ssh_login}, {@code ssh_invalid_user},
 * {@code ssh_disconnect}, {@code ssh_max_auth_attempts}, {@code ssh_no_identification}, ...),
 * {@code event.category}, {@code event.type}, {@code event.outcome}, {@code user.name},
 * {@code source.ip} (or {@code source.domain} when sshd logged a host name) and
 * {@code source.port}, {@code system.auth.ssh.event}, {@code .method} and {@code .signature}.
 * Every line gets {@code event.dataset: system.auth}. Thread-safe; never throws.
 *
 * <p>A user name is attacker-chosen and may contain spaces or a fake {@code from 1.2.3.4}, and so
 * may the details after a login's {@code ssh2: }. Login lines are read by the complete
 * {@code from ADDR port N ssh2} sshd appends, followed by the end of the line or {@code : }
 * details; other patterns take the last {@code from} address, the one sshd itself appended.
 */
public final class SshdParser implements SyslogProgramParser {
    private static final String FROM = " from (?<ip>\\S+)(?: port (?<port>\\d{1,5}))?";
    /** These messages print the address, never a resolved name; it holds a dot or a colon, unlike a port. */
    private static final String ADDRESS = "(?<ip>(?=[0-9A-Fa-f]*[.:])[0-9A-Fa-f:.]{2,45})";
    private static final String PORT = " port (?<port>\\d{1,5})";
    /** {@code user bob }, {@code invalid user bob }, or without the name: {@code invalid user 1.2.3.4 port 1}. */
    private static final String QUALIFIED_USER = "(?:invalid |authenticating )?user (?:(?<user>.*?) )?";

    private static final AuthAction LOGIN_ACCEPTED = new AuthAction(
            "ssh_login", AuthAction.AUTHENTICATION_SESSION, AuthAction.START, "success");
    private static final AuthAction LOGIN_FAILED = AuthAction.authFailure("ssh_login");
    private static final AuthAction LOGIN_PENDING = new AuthAction(
            "ssh_login", AuthAction.AUTHENTICATION, AuthAction.INFO, "unknown");
    private static final AuthAction DISCONNECT = new AuthAction(
            "ssh_disconnect", AuthAction.SESSION, AuthAction.END, null);
    private static final AuthAction SESSION_STARTED = new AuthAction(
            "ssh_session_started", AuthAction.SESSION, AuthAction.START, null);
    private static final AuthAction INVALID_USER = AuthAction.authFailure("ssh_invalid_user");
    private static final AuthAction MAX_ATTEMPTS = AuthAction.authFailure("ssh_max_auth_attempts");
    private static final AuthAction CONNECTION = new AuthAction(
            "ssh_connection", AuthAction.NETWORK, List.of("connection", "start"), null);
    private static final AuthAction REVERSE_MAPPING = new AuthAction(
            "ssh_reverse_mapping_failed", AuthAction.NETWORK, AuthAction.INFO, null);

    /** One message form; its named groups become fields (see {@link #fields}). */
    private record Rule(Pattern pattern, AuthAction action, Set<String> groups) {
        private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

        /** @param action null when the {@code result} group decides (Accepted, Failed, ...) */
        static Rule of(String regex, AuthAction action) {
            Set<String> groups = new HashSet<>();
            Matcher m = GROUP_NAME.matcher(regex);
            while (m.find()) {
                groups.add(m.group(1));
            }
            return new Rule(Pattern.compile(regex), action, Set.copyOf(groups));
        }

        String group(Matcher m, String name) {
            return groups.contains(name) ? m.group(name) : null;
        }
    }

    private static final List<Rule> RULES = List.of(
            // The whole "from ADDR port N sshV" sshd appends, followed by the end or ": " and its details;
            // the shortest user that allows it, so a fake address in the user or in the details loses.
            Rule.of("(?<result>Accepted|Failed|Postponed|Partial) (?<method>\\S+) for (?:invalid user )?(?<user>.*?)"
                    + " from (?<ip>\\S+) port (?<port>\\d{1,5})(?: on \\S+ port \\d{1,5})? ssh\\d?(?:: (?<sig>.*))?", null),
            Rule.of("(?<result>Accepted|Failed|Postponed|Partial) (?<method>\\S+) for (?:invalid user )?(?<user>.*)"
                    + FROM + "(?: on \\S+ port \\d{1,5})?(?: ssh\\d?)?(?:: (?<sig>.*))?", null),
            Rule.of("(?:Invalid|Illegal) user (?<user>.*)" + FROM, INVALID_USER),
            Rule.of("input_userauth_request: invalid user (?<user>.*)", INVALID_USER),
            Rule.of("maximum authentication attempts exceeded for (?:invalid user )?(?<user>.*)" + FROM
                    + "(?: ssh\\d?)?", MAX_ATTEMPTS),
            Rule.of("Disconnecting: Too many authentication failures(?: for (?:invalid user )?(?<user>.*))?",
                    MAX_ATTEMPTS),
            Rule.of("Disconnecting " + QUALIFIED_USER + ADDRESS + PORT + ": Too many authentication failures",
                    MAX_ATTEMPTS),
            Rule.of("(?:Connection closed by|Connection reset by|Disconnected from|Disconnecting) (?:" + QUALIFIED_USER
                    + ")?" + ADDRESS + "(?:" + PORT + ")?(?:: .*)?", DISCONNECT),
            Rule.of("Received disconnect from (?<ip>[0-9A-Fa-f:.]+?)(?:" + PORT + ")?: ?\\d+(?::.*)?", DISCONNECT),
            Rule.of("Close session: user (?<user>.*) from " + ADDRESS + PORT + " id \\d+", DISCONNECT),
            Rule.of("Starting session: .*? for (?<user>\\S+) from " + ADDRESS + PORT + " id \\d+", SESSION_STARTED),
            Rule.of("Timeout, client not responding(?: from (?:user (?<user>.*?) )?" + ADDRESS + PORT + ")?\\.?",
                    DISCONNECT),
            Rule.of("Did not receive identification string from (?<ip>\\S+)(?:" + PORT + ")?",
                    AuthAction.connectionFailure("ssh_no_identification")),
            Rule.of("Bad protocol version identification '.*' from " + ADDRESS + "(?:" + PORT + ")?",
                    AuthAction.connectionFailure("ssh_bad_protocol")),
            Rule.of("banner exchange: Connection from " + ADDRESS + PORT + ": .*",
                    AuthAction.connectionFailure("ssh_bad_banner")),
            Rule.of("Unable to negotiate with (?<ip>\\S+)" + PORT + ": .*",
                    AuthAction.connectionFailure("ssh_negotiation_failed")),
            Rule.of("ssh_dispatch_run_fatal: Connection from (?:" + QUALIFIED_USER + ")?" + ADDRESS + PORT + ": .*",
                    AuthAction.connectionFailure("ssh_protocol_error")),
            Rule.of("Timeout before authentication for (?<ip>\\S+)(?:" + PORT + ")?",
                    AuthAction.authFailure("ssh_auth_timeout")),
            Rule.of("Connection from " + ADDRESS + PORT + " on (?<dip>\\S+) port (?<dport>\\d{1,5})(?: rdomain .*)?",
                    CONNECTION),
            Rule.of("Connection from " + ADDRESS + "(?:" + PORT + ")?", CONNECTION),
            Rule.of("refused connect from (?<domain>\\S+) \\((?<ip>[^)\\s]+)\\)", new AuthAction(
                    "ssh_connection_refused", AuthAction.NETWORK, List.of("connection", "denied"), "failure")),
            Rule.of("ROOT LOGIN REFUSED FROM (?<ip>\\S+)(?:" + PORT + ")?",
                    AuthAction.authFailure("ssh_root_login_refused")),
            Rule.of("User (?<user>.*?)(?: from (?<ip>\\S+))? not allowed because .*",
                    AuthAction.authFailure("ssh_user_not_allowed")),
            Rule.of("PAM: (?:[Aa]uthentication (?:failure|error)|User not known to the underlying authentication"
                    + " module) for (?:illegal user |invalid user )?(?<user>.*?) from (?<ip>\\S+)(?: via \\S+)?",
                    AuthAction.authFailure("pam_auth_failure")),
            Rule.of("Address " + ADDRESS + " maps to (?<domain>\\S+), but this does not map back to the address.*",
                    REVERSE_MAPPING),
            Rule.of("reverse mapping checking getaddrinfo for (?<domain>\\S+) \\[(?<ip>[^\\]\\s]+)\\] failed.*",
                    REVERSE_MAPPING));

    private final PamParser pam = new PamParser();

    @Override
    public boolean parse(String body, Event event) {
        AuthFields.systemAuth(event);
        String text = withoutDecoration(body);
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            if (m.matches()) {
                action(rule, m).applyTo(event);
                fields(rule, m, event);
                return true;
            }
        }
        return pam.parse(body, event);
    }

    /** Drops what sshd adds around a message: {@code error: }, {@code fatal: }, {@code [preauth]}. */
    static String withoutDecoration(String body) {
        String s = body.strip();
        if (s.endsWith("[preauth]")) {
            s = s.substring(0, s.length() - "[preauth]".length()).stripTrailing();
        }
        if (s.startsWith("error: ") || s.startsWith("fatal: ")) {
            s = s.substring("error: ".length());
        }
        return s;
    }

    private static AuthAction action(Rule rule, Matcher m) {
        if (rule.action() != null) {
            return rule.action();
        }
        String result = m.group("result");
        if (result.equals("Accepted")) {
            return LOGIN_ACCEPTED;
        }
        return result.equals("Failed") ? LOGIN_FAILED : LOGIN_PENDING;
    }

    private static void fields(Rule rule, Matcher m, Event event) {
        event.put(EcsSyslog.SSH_EVENT, rule.group(m, "result"));
        event.put(EcsSyslog.SSH_METHOD, rule.group(m, "method"));
        String signature = rule.group(m, "sig");
        if (signature != null && !signature.isBlank()) {
            event.put(EcsSyslog.SSH_SIGNATURE, signature);
        }
        AuthFields.user(event, Ecs.USER_NAME, rule.group(m, "user"));
        AuthFields.source(event, rule.group(m, "ip"), rule.group(m, "port"));
        String domain = rule.group(m, "domain");
        if (domain != null && !IpAddresses.isIp(domain)) {
            event.put(EcsSyslog.SOURCE_DOMAIN, domain);
        }
        String destination = rule.group(m, "dip");
        if (destination != null && IpAddresses.isIp(destination)) {
            event.put(Ecs.DESTINATION_IP, destination);
            event.put(Ecs.DESTINATION_PORT, AuthFields.port(rule.group(m, "dport")));
        }
    }
}
