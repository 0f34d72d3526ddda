package io.vigil.api;

import io.javalin.http.Context;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers with Vigil's one ObjectMapper (Javalin's own mapper is not used). */
final class Responses {
    private Responses() {}

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(EventJson.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void error(Context ctx, HttpError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("status", e.status());
        body.putAll(e.extra());
        json(ctx, e.status(), body);
    }
}
