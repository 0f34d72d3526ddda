package io.vigil.api;

import io.javalin.http.Context;
import io.vigil.state.TokenKind;
import io.vigil.state.Tokens;
import io.vigil.web.SessionGate;
import java.util.List;
import java.util.Optional;

/**
 * The credential check in front of every route: {@code Authorization: Bearer <token>}, or the
 * Basic and ApiKey forms that shippers send (see {@link AuthorizationHeader}).
 * {@code GET /health} is open; routes marked {@link Access#INGEST} take ingest or API tokens; all
 * others API tokens. The web UI's {@link SessionGate} is asked first: it opens static files and
 * sign-in, and admits a valid session cookie like an API token. {@link #check} runs before
 * routing (401), {@link #authorize} once the route is known (403).
 */
final class Auth {
    static final String KIND_ATTRIBUTE = "vigil.token.kind";
    private final Tokens tokens;
    private final SessionGate web;

    Auth(Tokens tokens, SessionGate web) {
        this.tokens = tokens;
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
        List<String> candidates = AuthorizationHeader.candidates(header).orElseThrow(() -> new HttpError(401,
                "unsupported authorization scheme: use 'Authorization: Bearer <token>' (or Basic / ApiKey)"));
        Optional<TokenKind> kind = candidates.stream().map(tokens::authenticate).flatMap(Optional::stream).findFirst();
        if (kind.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\", error=\"invalid_token\"");
            throw new HttpError(401, "invalid token");
        }
        ctx.attribute(KIND_ATTRIBUTE, kind.get());
    }

    void authorize(Context ctx) {
        if (ctx.attribute(KIND_ATTRIBUTE) == TokenKind.INGEST && !ctx.routeRoles().contains(Access.INGEST)) {
            throw new HttpError(403, "an ingest token may only send events; use an API token for " + ctx.path());
        }
    }
}
