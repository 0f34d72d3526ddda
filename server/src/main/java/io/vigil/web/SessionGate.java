package io.vigil.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.vigil.api.HttpError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before the API token check, how a request is authenticated: the UI's static assets and
 * sign-in are open, a UI page without a session is sent to sign-in, and an API request that
 * carries no {@code Authorization} header but a valid session cookie is admitted like an API token.
 *
 * <p>CSRF: a request authenticated by the cookie that changes state (anything but GET, HEAD and
 * OPTIONS) must carry the session's token in {@value #CSRF_HEADER}, or it is refused with 403.
 * Requests with an {@code Authorization} header never look at the cookie, so bearer-token
 * clients are unaffected (a browser cannot be made to send that header cross-site).
 */
public final class SessionGate {
    public static final String COOKIE = "vigil_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The request attribute holding the {@link Sessions.Session} of a cookie-authenticated request. */
    public static final String SESSION_ATTRIBUTE = "vigil.session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** How the token check should treat a request. */
    public enum Verdict {
        /** Needs no credentials (or has been answered already, e.g. redirected). */
        OPEN,
        /** A valid session: treat it as an API token. */
        SESSION,
        /** Not the UI's business: check the bearer token as usual. */
        TOKEN
    }

    private final Sessions sessions;

    public SessionGate(Sessions sessions) {
        this.sessions = sessions;
    }

    /** Classifies a request; throws {@link HttpError} 403 for a cookie request without the CSRF token. */
    public Verdict admit(Context ctx) {
        String path = ctx.path();
        String method = ctx.method().name();
        boolean safe = SAFE_METHODS.contains(method);
        if (safe && WebAssets.isPublic(path)) {
            return Verdict.OPEN;
        }
        if (path.equals(SessionRoutes.PATH) && method.equals("POST")) {
            return Verdict.OPEN;
        }
        boolean hasAuthorization = ctx.header("Authorization") != null;
        if (safe && !hasAuthorization && (WebAssets.isPage(path) || isBrowserAtRoot(ctx))) {
            return page(ctx);
        }
        if (hasAuthorization) {
            return Verdict.TOKEN;
        }
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            return Verdict.TOKEN;
        }
        if (!safe && !Sessions.csrfMatches(session.get(), ctx.header(CSRF_HEADER))) {
            throw new HttpError(403, "missing or wrong " + CSRF_HEADER + " header: a request made with the session"
                    + " cookie that changes something must carry the token from GET " + SessionRoutes.PATH);
        }
        ctx.attribute(SESSION_ATTRIBUTE, session.get());
        return Verdict.SESSION;
    }

    private Verdict page(Context ctx) {
        if (sessions.find(ctx.cookie(COOKIE)).isPresent()) {
            if (isBrowserAtRoot(ctx)) {
                redirect(ctx, WebAssets.HOME);
            }
            return Verdict.OPEN;
        }
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        redirect(ctx, WebAssets.SIGN_IN + (isBrowserAtRoot(ctx) ? "" : "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
        return Verdict.OPEN;
    }

    private static void redirect(Context ctx, String location) {
        ctx.redirect(location, HttpStatus.FOUND);
        ctx.skipRemainingHandlers();
    }

    /** A person typing the server's address: {@code GET /} asking for HTML (API clients there get JSON). */
    private static boolean isBrowserAtRoot(Context ctx) {
        String accept = ctx.header("Accept");
        return ctx.path().equals("/") && accept != null && accept.contains("text/html");
    }
}
