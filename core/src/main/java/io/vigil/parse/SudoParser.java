package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sudo's log lines: {@code alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash}
 * (allowed), and the same with a reason before {@code TTY=} when refused
 * ({@code 3 incorrect password attempts}, {@code user NOT in sudoers}, {@code command not
 * allowed}); PAM lines such as {@code pam_unix(sudo:auth): authentication failure; ...} go to
 * {@link PamParser}.
 *
 * <p>Fields: {@code user.name} (who ran sudo), {@code user.effective.name} ({@code USER=}),
 * {@code user.effective.group.name} ({@code GROUP=}), {@code process.command_line} and
 * {@code system.auth.sudo.command}, {@code system.auth.sudo.pwd}, {@code .tty} and {@code .error}
 * (the reason); {@code event.action: sudo}, {@code event.category: [process]},
 * {@code event.type: [start]}, {@code event.outcome} failure when a reason is given, else success.
 * Thread-safe; never throws.
 */
public final class SudoParser implements SyslogProgramParser {
    private static final Pattern LINE = Pattern.compile("\\s*([^\\s:]+) : (.*)", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("([A-Z_]+)=(.*)", Pattern.DOTALL);
    /** The command comes last and may itself contain " ; ", so it is cut off before splitting. */
    private static final String COMMAND = "COMMAND=";
    private static final String SEPARATOR = " ; ";
    private static final Pattern SEPARATOR_PATTERN = Pattern.compile(SEPARATOR, Pattern.LITERAL);

    private final PamParser pam = new PamParser();

    @Override
    public boolean parse(String body, Event event) {
        AuthFields.systemAuth(event);
        Matcher m = LINE.matcher(body);
        if (!m.matches() || !m.group(2).contains("=")) {
            return pam.parse(body, event);
        }
        String rest = m.group(2);
        String command = null;
        int cut = rest.startsWith(COMMAND) ? 0 : rest.indexOf(SEPARATOR + COMMAND);
        if (cut >= 0) {
            command = rest.substring(rest.indexOf(COMMAND, cut) + COMMAND.length());
            rest = rest.substring(0, cut);
        }
        List<String> reasons = new ArrayList<>();
        for (String part : SEPARATOR_PATTERN.split(rest, -1)) {
            Matcher kv = KEY.matcher(part.strip());
            if (kv.matches()) {
                setting(kv.group(1), kv.group(2), event);
            } else if (!part.isBlank()) {
                reasons.add(part.strip());
            }
        }
        String error = reasons.isEmpty() ? null : String.join(SEPARATOR, reasons);
        new AuthAction("sudo", AuthAction.PROCESS, AuthAction.START, error == null ? "success" : "failure")
                .applyTo(event);
        AuthFields.user(event, Ecs.USER_NAME, m.group(1));
        event.put(EcsSyslog.SUDO_ERROR, error);
        if (command != null && !command.isEmpty()) {
            event.put(EcsSyslog.PROCESS_COMMAND_LINE, command).put(EcsSyslog.SUDO_COMMAND, command);
        }
        return true;
    }

    private static void setting(String key, String value, Event event) {
        if (value.isEmpty()) {
            return;
        }
        switch (key) {
            case "TTY" -> event.put(EcsSyslog.SUDO_TTY, value);
            case "PWD" -> event.put(EcsSyslog.SUDO_PWD, value);
            case "USER" -> AuthFields.user(event, EcsSyslog.USER_EFFECTIVE_NAME, value);
            case "GROUP" -> event.put(EcsSyslog.USER_EFFECTIVE_GROUP_NAME, value);
            default -> {
                // ENV=, TSID=, CHROOT= and the like say nothing a detection needs.
            }
        }
    }
}
