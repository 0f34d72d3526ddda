package io.vigil.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.api.HttpError;
import io.vigil.event.EventJson;
import io.vigil.state.Users;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in and sign-out of the web UI.
 *
 * <ul>
 *   <li>{@code POST /api/v1/session} {@code {"username", "password"}} (JSON only, which a cross-site
 *       form cannot send): 200 with the session (below) and the cookie, or 401</li>
 *   <li>{@code GET /api/v1/session}: {@code {"username", "role", "csrf_token", "expires"}}; 401 without a session</li>
 *   <li>{@code DELETE /api/v1/session}: ends the session (CSRF token required) and clears the cookie</li>
 * </ul>
 *
 * The cookie is {@code HttpOnly; SameSite=Strict; Path=/}, plus {@code Secure} when the request came
 * over TLS (directly or, as {@code X-Forwarded-Proto} says, through a proxy).
 */
public final class SessionRoutes {
    public static final String PATH = "/api/v1/session";
    private final Users users;
    private final Sessions sessions;
    private final SignInThrottle throttle;

    public SessionRoutes(Users users, Sessions sessions, SignInThrottle throttle) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public void register(JavalinConfig config) {
        config.routes.post(PATH, this::signIn);
        config.routes.get(PATH, this::current);
        config.routes.delete(PATH, this::signOut);
    }

    void signIn(Context ctx) throws IOException {
        String ct = ctx.contentType();
        if (ct == null || !ct.startsWith("application/json")) {
            throw new HttpError(415, "sign in with Content-Type: application/json and {\"username\", \"password\"}");
        }
        JsonNode body = EventJson.MAPPER.readTree(ctx.bodyInputStream());
        String username = body == null ? null : body.path("username").asText(null);
        String password = body == null ? null : body.path("password").asText(null);
        if (username == null || password == null) {
            throw new HttpError(400, "give \"username\" and \"password\"");
        }
        throttle.check(username);
        Optional<Users.User> user = users.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username);
            throw new HttpError(401, "wrong username or password");
        }
        throttle.succeeded(username);
        Sessions.Started started = sessions.start(user.get());
        ctx.res().addHeader("Set-Cookie", cookie(ctx, started.id(), (int) Sessions.ABSOLUTE.toSeconds()));
        JsonAnswer.send(ctx, 200, describe(started.session()));
    }

    void current(Context ctx) {
        JsonAnswer.send(ctx, 200, describe(session(ctx)));
    }

    void signOut(Context ctx) {
        session(ctx);
        sessions.end(ctx.cookie(SessionGate.COOKIE));
        ctx.res().addHeader("Set-Cookie", cookie(ctx, "", 0));
        ctx.status(204);
    }

    private static Sessions.Session session(Context ctx) {
        Sessions.Session s = ctx.attribute(SessionGate.SESSION_ATTRIBUTE);
        if (s == null) {
            throw new HttpError(401, "not signed in (this route is for the web UI's session cookie)");
        }
        return s;
    }

    static String cookie(Context ctx, String value, int maxAgeSeconds) {
        boolean tls = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return SessionGate.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (tls ? "; Secure" : "");
    }

    private static Map<String, Object> describe(Sessions.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.username());
        m.put("role", s.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("csrf_token", s.csrf());
        m.put("expires", s.expires().toString());
        return m;
    }
}
