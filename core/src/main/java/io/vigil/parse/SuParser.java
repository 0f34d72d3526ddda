package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * su's log lines in the forms util-linux and shadow-utils write: {@code (to root) alice on pts/0}
 * and {@code FAILED SU (to root) alice on pts/0}; {@code Successful su for root by alice} and
 * {@code FAILED su for root by alice}; {@code + pts/0 alice:root} and {@code - pts/0 alice:root}.
 * PAM lines ({@code pam_unix(su:session): session opened for user root by alice(uid=1000)}) go to
 * {@link PamParser}.
 *
 * <p>Fields: {@code user.name} (who ran su), {@code user.effective.name} (the account switched
 * to), {@code system.auth.su.tty}; {@code event.action: su}; success is
 * {@code [authentication, session]}/{@code [start]}, failure {@code [authentication]}/{@code [info]}.
 * Thread-safe; never throws.
 */
public final class SuParser implements SyslogProgramParser {
    private static final Pattern UTIL_LINUX = Pattern.compile(
            "(FAILED SU )?\\(to ([^)\\s]+)\\) (\\S+) on (\\S+)\\s*");
    private static final Pattern SHADOW = Pattern.compile("(Successful|FAILED) su for (\\S+) by (\\S+)\\s*");
    private static final Pattern SULOG = Pattern.compile("([+-]) (\\S+) ([^:\\s]+):(\\S+)\\s*");

    private static final AuthAction SUCCESS = new AuthAction(
            "su", AuthAction.AUTHENTICATION_SESSION, AuthAction.START, "success");
    private static final AuthAction FAILURE = AuthAction.authFailure("su");

    private final PamParser pam = new PamParser();

    @Override
    public boolean parse(String body, Event event) {
        AuthFields.systemAuth(event);
        Matcher m = UTIL_LINUX.matcher(body);
        if (m.matches()) {
            return switched(m.group(1) == null, m.group(3), m.group(2), m.group(4), event);
        }
        m = SHADOW.matcher(body);
        if (m.matches()) {
            return switched(m.group(1).equals("Successful"), m.group(3), m.group(2), null, event);
        }
        m = SULOG.matcher(body);
        if (m.matches()) {
            return switched(m.group(1).equals("+"), m.group(3), m.group(4), m.group(2), event);
        }
        return pam.parse(body, event);
    }

    private static boolean switched(boolean success, String user, String target, String tty, Event event) {
        (success ? SUCCESS : FAILURE).applyTo(event);
        AuthFields.user(event, Ecs.USER_NAME, user);
        AuthFields.user(event, EcsSyslog.USER_EFFECTIVE_NAME, target);
        event.put(EcsSyslog.SU_TTY, tty);
        return true;
    }
}
