package io.vigil.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.api.HttpError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the web UI from the jar: the page shell for every {@code /ui/...} page (the ES modules
 * route on the client), the UI's own modules and styles under {@code /ui/assets/}, and third-party
 * files under {@code /ui/vendor/} (Apache ECharts from its WebJar, the world map). Files are read
 * once, kept with an ETag and a gzip copy, and sent with a strict Content-Security-Policy.
 */
public final class WebAssets {
    public static final String HOME = "/ui/";
    public static final String SIGN_IN = "/ui/signin";
    static final String ASSETS = "/ui/assets/";
    static final String VENDOR = "/ui/vendor/";
    private static final String ECHARTS = "echarts.esm.min.mjs";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json",
            "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");

    private record Asset(byte[] bytes, byte[] gzipped, String etag, String type) {}

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();
    private final String echartsResource;

    public WebAssets() {
        this.echartsResource = "META-INF/resources/webjars/echarts/" + webJarVersion("echarts") + "/" + ECHARTS;
    }

    /** Files anyone may fetch: styles, modules and vendor files carry no data. */
    static boolean isPublic(String path) {
        return path.startsWith(ASSETS) || path.startsWith(VENDOR) || path.equals(SIGN_IN) || path.equals("/favicon.ico");
    }

    /** A UI page (served as the page shell once signed in). */
    static boolean isPage(String path) {
        return path.equals("/ui") || (path.startsWith(HOME) && !isPublic(path));
    }

    public void register(JavalinConfig config) {
        // Files before pages: the first matching route wins, and /ui/<page> matches everything below /ui/.
        config.routes.get(ASSETS + "<file>", ctx -> send(ctx, "web/assets/" + file(ctx), false));
        config.routes.get(VENDOR + ECHARTS, ctx -> send(ctx, echartsResource, true));
        config.routes.get(VENDOR + "<file>", ctx -> send(ctx, "web/vendor/" + file(ctx), true));
        config.routes.get("/favicon.ico", ctx -> send(ctx, "web/assets/favicon.svg", true));
        config.routes.get("/ui", this::page);
        config.routes.get("/ui/<page>", this::page);
    }

    private void page(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        send(ctx, "web/index.html", false);
    }

    private static String file(Context ctx) {
        String f = ctx.pathParam("file");
        if (f.contains("..") || f.contains("\\") || f.startsWith("/")) {
            throw new HttpError(404, "no such file");
        }
        return f;
    }

    private void send(Context ctx, String resource, boolean immutable) {
        Asset a = cache.computeIfAbsent(resource, WebAssets::load)
                .orElseThrow(() -> new HttpError(404, "no such file: " + ctx.path()));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("ETag", a.etag());
        // UI files change with each release and must not be stale; vendor files are pinned versions.
        ctx.header("Cache-Control", immutable ? "public, max-age=86400" : "no-cache");
        if (a.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(a.type());
        String acceptEncoding = ctx.header("Accept-Encoding");
        if (a.gzipped() != null && acceptEncoding != null && acceptEncoding.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding").result(a.gzipped());
        } else {
            ctx.result(a.bytes());
        }
    }

    private static Optional<Asset> load(String resource) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            byte[] gz = type.startsWith("image/png") || bytes.length < 1024 ? null : gzip(bytes);
            return Optional.of(new Asset(bytes, gz, "\"" + sha1(bytes) + "\"", type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The version of a WebJar on the class path, from the pom.properties Maven puts in every jar. */
    static String webJarVersion(String artifact) {
        String props = "META-INF/maven/org.webjars/" + artifact + "/pom.properties";
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar org.webjars:" + artifact + " is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
