package io.vigil.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.event.EventJson;
import io.vigil.state.TokenKind;
import io.vigil.state.Tokens;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Access tokens over HTTP (API token or signed-in session only).
 *
 * <ul>
 *   <li>{@code GET /api/v1/tokens}: {@code {"tokens": [{"id", "name", "kind", "created",
 *       "from_environment"}]}}; never a value or a hash</li>
 *   <li>{@code POST /api/v1/tokens} with {@code {"name": "filebeat-web-1", "kind": "ingest"|"api"}}:
 *       201 with the token's listing and {@code "token"}, its value, shown this once</li>
 *   <li>{@code DELETE /api/v1/tokens/{id}}: 204, revoked at once; 404 when absent; 409 for a token
 *       from {@code VIGIL_*_TOKEN} (unset the variable) or the last API token</li>
 * </ul>
 */
public final class TokenRoutes {
    static final String PATH = "/api/v1/tokens";

    private final Tokens tokens;

    public TokenRoutes(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Declares the routes on a Javalin configuration (behind the same credential check as every route). */
    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::list);
        config.routes.post(PATH, this::create);
        config.routes.delete(PATH + "/{id}", this::revoke);
    }

    void list(Context ctx) {
        Responses.json(ctx, 200, Map.of("tokens", tokens.list().stream().map(TokenRoutes::json).toList()));
    }

    void create(Context ctx) throws IOException {
        Map<?, ?> body = body(ctx);
        Object kind = body.get("kind");
        TokenKind k;
        if ("ingest".equals(kind)) {
            k = TokenKind.INGEST;
        } else if ("api".equals(kind)) {
            k = TokenKind.API;
        } else {
            throw new HttpError(400, "kind must be \"ingest\" (send events only) or \"api\" (everything), got " + kind);
        }
        Object name = body.get("name");
        try {
            Tokens.Created created = tokens.create(k, name instanceof String s ? s : null);
            Map<String, Object> answer = json(created.token());
            answer.put("token", created.secret());
            ctx.header("Cache-Control", "no-store");
            Responses.json(ctx, 201, answer);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    void revoke(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        switch (tokens.revoke(id)) {
            case DONE -> ctx.status(204);
            case MISSING -> throw new HttpError(404, "no token " + id);
            case FROM_ENVIRONMENT -> throw new HttpError(409, "token " + id
                    + " comes from the environment: unset the variable and restart to revoke it");
            case LAST_API_TOKEN -> throw new HttpError(409, "token " + id
                    + " is the last API token: create another one first");
            default -> throw new IllegalStateException();
        }
    }

    private static Map<String, Object> json(Tokens.Listed t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
        m.put("created", t.created());
        m.put("from_environment", t.fromEnvironment());
        return m;
    }

    private static Map<?, ?> body(Context ctx) {
        try {
            Object parsed = EventJson.MAPPER.readValue(ctx.bodyInputStream(), Object.class);
            if (parsed instanceof Map<?, ?> m) {
                return m;
            }
        } catch (IOException e) {
            throw new HttpError(400, "body is not valid JSON: " + e.getMessage());
        }
        throw new HttpError(400, "a token request is a JSON object such as {\"name\": \"filebeat\", \"kind\": \"ingest\"}");
    }
}
