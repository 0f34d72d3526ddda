package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.parse.GrokParserDefinition;
import io.vigil.parse.GrokParserDefinitionJson;
import io.vigil.parse.ParseResult;
import io.vigil.parse.Parser;
import io.vigil.parse.ParserDefinitionException;
import io.vigil.parse.RawEvent;
import io.vigil.state.ParserDefinitions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser types over HTTP: list them, define grok parsers, try a parser on sample lines.
 *
 * <ul>
 *   <li>{@code GET /api/v1/parsers}: {@code {"built_in": [names], "custom": [definitions]}}</li>
 *   <li>{@code GET /api/v1/parsers/{name}}: a custom definition, or {@code {"name", "built_in": true}}</li>
 *   <li>{@code POST /api/v1/parsers}: create from a definition; 201, or 409 when the name is taken</li>
 *   <li>{@code PUT /api/v1/parsers/{name}}: replace; 404 when absent, 409 for a built-in type</li>
 *   <li>{@code DELETE /api/v1/parsers/{name}}: remove; 404 when absent, 409 for a built-in type</li>
 *   <li>{@code POST /api/v1/parsers/test}: {@code {"type": T}} or a definition without a name, plus
 *       {@code "lines": [...]}; answers {@code {"results": [{"line": 1, "parsed": true, "fields": {...}},
 *       {"line": 2, "parsed": false, "reason": "..."}]}}, storing nothing</li>
 * </ul>
 *
 * A definition that is not valid gets 400 with {@code "errors": [{"path", "position", "reason"}]}
 * listing every problem ({@code position}: 1-based column in that string, 0 for the whole value).
 * Changes apply at once to ingest ({@code ?type=name}) and survive restarts ({@link ParserDefinitions}).
 */
public final class ParserRoutes {
    static final String PATH = "/api/v1/parsers";
    /** Most sample lines one test request may carry. */
    static final int MAX_TEST_LINES = 1_000;
    /** The name a definition under test gets when it has none: it is never registered. */
    private static final String TEST_NAME = "parser_test";

    private final ParserDefinitions definitions;

    public ParserRoutes(ParserDefinitions definitions) {
        this.definitions = definitions;
    }

    /** Declares the routes on a Javalin configuration (behind the same credential check as every route). */
    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.post(PATH + "/test", this::test);
        routes.get(PATH + "/{name}", this::get);
        routes.put(PATH + "/{name}", this::replace);
        routes.delete(PATH + "/{name}", this::delete);
    }

    void list(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("built_in", definitions.builtIn());
        out.put("custom", definitions.list().stream().map(GrokParserDefinitionJson::write).toList());
        Responses.json(ctx, 200, out);
    }

    void get(Context ctx) {
        String name = ctx.pathParam("name");
        if (definitions.builtIn().contains(name)) {
            Responses.json(ctx, 200, Map.of("name", name, "built_in", true));
            return;
        }
        GrokParserDefinition d = definitions.get(name).orElseThrow(() -> notFound(name));
        Responses.json(ctx, 200, GrokParserDefinitionJson.write(d));
    }

    void create(Context ctx) throws IOException {
        GrokParserDefinition d = definition(body(ctx));
        ParserDefinitions.Outcome outcome;
        try {
            outcome = definitions.create(d);
        } catch (ParserDefinitionException e) {
            throw invalid(e);
        }
        switch (outcome) {
            case EXISTS -> throw new HttpError(409, "a parser named '" + d.name() + "' exists; PUT " + PATH + "/"
                    + d.name() + " replaces it");
            case BUILT_IN -> throw builtIn(d.name());
            case MISSING, DONE -> {
                ctx.header("Location", PATH + "/" + d.name());
                Responses.json(ctx, 201, GrokParserDefinitionJson.write(d));
            }
        }
    }

    void replace(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        JsonNode body = body(ctx);
        if (body.has("name") && !name.equals(body.get("name").asText())) {
            throw new HttpError(400, "the name in the body ('" + body.get("name").asText() + "') differs from the one in"
                    + " the path ('" + name + "'); to rename, create the new parser and delete the old one");
        }
        ((ObjectNode) body).put("name", name);
        GrokParserDefinition d = definition(body);
        ParserDefinitions.Outcome outcome;
        try {
            outcome = definitions.replace(d);
        } catch (ParserDefinitionException e) {
            throw invalid(e);
        }
        switch (outcome) {
            case MISSING -> throw new HttpError(404, "no parser named '" + name + "'; POST " + PATH + " creates it");
            case BUILT_IN -> throw builtIn(name);
            case EXISTS, DONE -> Responses.json(ctx, 200, GrokParserDefinitionJson.write(d));
        }
    }

    void delete(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        switch (definitions.delete(name)) {
            case MISSING -> throw notFound(name);
            case BUILT_IN -> throw builtIn(name);
            case EXISTS, DONE -> Responses.json(ctx, 200, Map.of("deleted", name));
        }
    }

    void test(Context ctx) {
        JsonNode body = body(ctx);
        List<String> lines = lines(body.get("lines"));
        ((ObjectNode) body).remove("lines");
        Parser parser = parserUnderTest((ObjectNode) body);
        Instant now = Instant.now();
        List<Map<String, Object>> results = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            results.add(result(i + 1, parser, new RawEvent(lines.get(i), now)));
        }
        Responses.json(ctx, 200, Map.of("results", results));
    }

    private Parser parserUnderTest(ObjectNode body) {
        JsonNode type = body.remove("type");
        if (type == null) {
            if (!body.has("name")) {
                body.put("name", TEST_NAME);
            }
            GrokParserDefinition d = definition(body);
            try {
                return definitions.compile(d);
            } catch (ParserDefinitionException e) {
                throw invalid(e);
            }
        }
        if (body.size() > 0) {
            throw new HttpError(400, "give either \"type\" (an existing parser) or a definition (\"pattern\","
                    + " \"patterns\", ...), not both");
        }
        String name = type.asText();
        return definitions.registry().find(name).orElseThrow(() -> new HttpError(400, "unknown type '" + name
                + "'; known types: " + String.join(", ", definitions.registry().types())));
    }

    private static Map<String, Object> result(int line, Parser parser, RawEvent raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", line);
        ParseResult r;
        try {
            r = parser.parse(raw);
        } catch (RuntimeException e) {
            // As the ingest pipeline does: a parser that breaks its contract fails the line, not the request.
            r = new ParseResult.Failed(raw, "parser error: " + e);
        }
        if (r instanceof ParseResult.Parsed parsed && !parsed.events().isEmpty()) {
            List<Event> events = parsed.events();
            out.put("parsed", true);
            out.put("fields", EventJson.toFlat(events.get(0)));
            if (events.size() > 1) {
                out.put("events", events.stream().map(EventJson::toFlat).toList());
            }
        } else {
            out.put("parsed", false);
            out.put("reason", r instanceof ParseResult.Failed f ? f.reason() : "parser produced no event");
        }
        return out;
    }

    private static List<String> lines(JsonNode json) {
        if (json == null || !json.isArray() || json.isEmpty()) {
            throw new HttpError(400, "\"lines\" is a non-empty list of sample lines");
        }
        if (json.size() > MAX_TEST_LINES) {
            throw new HttpError(400, "at most " + MAX_TEST_LINES + " lines per test, got " + json.size());
        }
        List<String> lines = new ArrayList<>(json.size());
        for (JsonNode line : json) {
            if (!line.isTextual()) {
                throw new HttpError(400, "\"lines\" holds strings only; line " + (lines.size() + 1) + " is " + line.getNodeType());
            }
            lines.add(line.textValue());
        }
        return lines;
    }

    private static JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = EventJson.MAPPER.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            throw new HttpError(400, "request body is not valid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new HttpError(400, "request body must be a JSON object such as {\"name\": \"my_app\","
                    + " \"patterns\": [\"%{COMBINEDAPACHELOG}\"]}");
        }
        return body;
    }

    private static GrokParserDefinition definition(JsonNode json) {
        try {
            return GrokParserDefinitionJson.read(json);
        } catch (ParserDefinitionException e) {
            throw invalid(e);
        }
    }

    private static HttpError invalid(ParserDefinitionException e) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ParserDefinitionException.Problem p : e.problems()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("path", p.path());
            error.put("position", p.position());
            error.put("reason", p.reason());
            errors.add(error);
        }
        return new HttpError(400, e.getMessage(), Map.of("errors", errors));
    }

    private static HttpError notFound(String name) {
        return new HttpError(404, "no parser named '" + name + "'; GET " + PATH + " lists them");
    }

    private static HttpError builtIn(String name) {
        return new HttpError(409, "'" + name + "' is a built-in parser type and cannot be changed; choose another name");
    }
}
