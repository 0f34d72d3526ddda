package io.vigil.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver for webhook tests (the JDK's HttpServer on 127.0.0.1), answering a settable status. */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    record Request(String path, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger hits = new AtomicInteger();
    private final HttpServer server;

    /** Listens on {@code port} (0: a free one). */
    WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status.get();
            if (answer == 200) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                requests.add(new Request(exchange.getRequestURI().getPath(), headers, body));
            }
            byte[] out = (answer == 200 ? "ok" : "busy").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
