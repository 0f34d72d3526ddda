package io.vigil.web;

import io.javalin.http.Context;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes JSON answers with Vigil's one ObjectMapper, as the API routes do. */
final class JsonAnswer {
    private JsonAnswer() {}

    static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(EventJson.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
