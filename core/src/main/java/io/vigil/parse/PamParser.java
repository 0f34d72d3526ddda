package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux-PAM messages, whichever program logs them: {@code pam_unix(sshd:auth): authentication
 * failure; ... rhost=1.2.3.4 user=root}, {@code PAM 2 more authentication failures; ...},
 * {@code session opened for user bob(uid=1000) by (uid=0)}, {@code session closed for user bob},
 * {@code check pass; user unknown}, pam_faillock's {@code Consecutive login failures for user bob
 * account temporarily locked}. The module prefix may be {@code pam_xyz(service:stage): },
 * {@code pam_xyz: }, the old {@code (pam_unix) }, or absent (old PAM put it in the tag:
 * {@code sshd(pam_unix)[123]:}). The sshd, sudo and su parsers fall back to this one.
 *
 * <p>User fields follow ECS: the person acting is {@code user.name}, the account acted as is
 * {@code user.effective.name}. So {@code session opened for user root by alice} gives alice and
 * root, an authentication failure with {@code ruser=alice user=root} (su) likewise, and one with
 * only {@code user=root} (sshd) gives {@code user.name: root}. Thread-safe; never throws.
 */
public final class PamParser implements SyslogProgramParser {
    private static final Pattern PREFIX = Pattern.compile("(?:pam_\\w+(?:\\([^)\\s]*\\))?:? |\\(pam_unix\\) )?");
    private static final Pattern AUTH_FAILURE = Pattern.compile(
            "(?:authentication failure|PAM \\d+ more authentication failures?); (.*)", Pattern.DOTALL);
    private static final Pattern SESSION_OPENED = Pattern.compile(
            "session opened for user ([^\\s(]+)(?:\\(uid=(\\d+)\\))?(?: by ([^\\s(]*)(?:\\(uid=(\\d+)\\))?)?\\s*");
    private static final Pattern SESSION_CLOSED = Pattern.compile(
            "session closed for user ([^\\s(]+)(?:\\(uid=(\\d+)\\))?\\s*");
    private static final Pattern USER_UNKNOWN = Pattern.compile("check pass; user unknown\\s*");
    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(\\S*)");
    /**
     * pam_unix writes {@code ... ruser=%s rhost=%s  user=%s}; ruser and user may be chosen by the
     * client and hold a fake {@code rhost=}. The real one is followed by the user or the end.
     */
    private static final Pattern REMOTE = Pattern.compile("(?:^|\\s)ruser=(.*?) rhost=(\\S*)(?:\\s+user=(.*?))?\\s*$",
            Pattern.DOTALL);
    private static final Pattern FAILLOCK = Pattern.compile(
            "Consecutive login failures for user (\\S+) account temporarily locked\\s*");

    private static final AuthAction AUTH_FAILED = AuthAction.authFailure("pam_auth_failure");
    private static final AuthAction UNKNOWN_USER = AuthAction.authFailure("pam_user_unknown");
    private static final AuthAction LOCKED = AuthAction.authFailure("pam_account_locked");
    private static final AuthAction OPENED = new AuthAction(
            "pam_session_opened", AuthAction.SESSION, AuthAction.START, "success");
    private static final AuthAction CLOSED = new AuthAction(
            "pam_session_closed", AuthAction.SESSION, AuthAction.END, null);

    @Override
    public boolean parse(String body, Event event) {
        AuthFields.systemAuth(event);
        Matcher prefix = PREFIX.matcher(body);
        prefix.lookingAt();
        String text = body.substring(prefix.end());
        Matcher m = AUTH_FAILURE.matcher(text);
        if (m.matches()) {
            authFailure(m.group(1), event);
            return true;
        }
        m = SESSION_OPENED.matcher(text);
        if (m.matches()) {
            OPENED.applyTo(event);
            users(m.group(3), m.group(4), m.group(1), m.group(2), event);
            return true;
        }
        m = SESSION_CLOSED.matcher(text);
        if (m.matches()) {
            CLOSED.applyTo(event);
            users(null, null, m.group(1), m.group(2), event);
            return true;
        }
        if (USER_UNKNOWN.matcher(text).matches()) {
            UNKNOWN_USER.applyTo(event);
            return true;
        }
        m = FAILLOCK.matcher(text);
        if (m.matches()) {
            LOCKED.applyTo(event);
            users(null, null, m.group(1), null, event);
            return true;
        }
        return false;
    }

    private static void authFailure(String keyValues, Event event) {
        AUTH_FAILED.applyTo(event);
        Map<String, String> kv = new HashMap<>();
        Matcher m = KEY_VALUE.matcher(keyValues);
        while (m.find()) {
            // A repeated key is a forgery inside a user-controlled value; the first is PAM's own.
            kv.putIfAbsent(m.group(1), m.group(2));
        }
        String user = kv.getOrDefault("user", "");
        String remoteUser = kv.getOrDefault("ruser", "");
        String remoteHost = kv.get("rhost");
        Matcher remote = REMOTE.matcher(keyValues);
        if (remote.find()) {
            remoteUser = remote.group(1).strip();
            remoteHost = remote.group(2);
            user = remote.group(3) == null ? "" : remote.group(3).strip();
        }
        if (!remoteUser.isEmpty() && !user.isEmpty() && !remoteUser.equals(user)) {
            users(remoteUser, null, user, null, event);
        } else {
            users(null, null, user.isEmpty() ? remoteUser : user, null, event);
        }
        AuthFields.source(event, remoteHost, null);
    }

    /**
     * @param actor who asked (PAM's "by" or ruser), or null/empty when it is the target itself
     * @param target the account the session or authentication is for
     */
    static void users(String actor, String actorId, String target, String targetId, Event event) {
        if (actor == null || actor.isEmpty()) {
            AuthFields.user(event, Ecs.USER_NAME, target);
            event.put(EcsSyslog.USER_ID, targetId);
            return;
        }
        AuthFields.user(event, Ecs.USER_NAME, actor);
        event.put(EcsSyslog.USER_ID, actorId);
        AuthFields.user(event, EcsSyslog.USER_EFFECTIVE_NAME, target);
        event.put(EcsSyslog.USER_EFFECTIVE_ID, targetId);
    }
}
