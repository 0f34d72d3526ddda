package io.vigil.api;

import io.javalin.http.Context;
import io.vigil.state.TokenKind;
import io.vigil.state.Tokens;
import io.vigil.web.SessionGate;
import java.util.Optional;
import java.util.Set;

/**
 * The credential check in front of every route: {@code Authorization: Bearer <token>}.
 * {@code GET /health} is open; ingest routes take ingest or API tokens; all others API tokens.
 * The web UI's {@link SessionGate} is asked first: it opens static files and sign-in, and admits
 * a valid session cookie like an API token.
 */
final class Auth {
    static final String KIND_ATTRIBUTE = "vigil.token.kind";
    private final Tokens tokens;
    private final Set<String> ingestPaths;
    private final SessionGate web;

    Auth(Tokens tokens, Set<String> ingestPaths, SessionGate web) {
        this.tokens = tokens;
        this.ingestPaths = ingestPaths;
        this.web = web;
    }

    void check(Context ctx) {
        if (ctx.path().equals("/health") && ctx.method().name().equals("GET")) {
            return;
        }
        SessionGate.Verdict verdict = web.admit(ctx);
        if (verdict == SessionGate.Verdict.OPEN) {
            return;
        }
        if (verdict == SessionGate.Verdict.SESSION) {
            ctx.attribute(KIND_ATTRIBUTE, TokenKind.API); // a signed-in person may do what an API token may
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\"");
            throw new HttpError(401, "missing credentials: send 'Authorization: Bearer <token>'"
                    + " (tokens are in DATA/credentials after the first start)");
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (token == null) {
            throw new HttpError(401, "unsupported authorization scheme: use 'Authorization: Bearer <token>'");
        }
        Optional<TokenKind> kind = tokens.authenticate(token);
        if (kind.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\", error=\"invalid_token\"");
            throw new HttpError(401, "invalid token");
        }
        if (kind.get() == TokenKind.INGEST && !ingestPaths.contains(ctx.path())) {
            throw new HttpError(403, "an ingest token may only send events; use an API token for " + ctx.path());
        }
        ctx.attribute(KIND_ATTRIBUTE, kind.get());
    }
}
