package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.vigil.event.EventJson;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP: the JDK's HttpServer on a free port as the receiver. */
class WebhookSenderTest {
    /** One request as the receiver saw it. */
    record Received(String path, Map<String, String> headers, byte[] body) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int answer = 200;
    private HttpServer server;
    private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            byte[] out = (answer == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void signsTheExactBodyWithHmacSha256AndSendsTheCustomHeaders() throws Exception {
        WebhookChannel hook = new WebhookChannel("siem", url("/hook"), Map.of("X-Team", "secops"), "shared-key");

        assertThat(sender.send(hook, EmailSenderTest.notice(), "n1")).isInstanceOf(Delivery.Sent.class);

        Received r = received.poll(5, TimeUnit.SECONDS);
        assertThat(r.headers()).containsEntry("X-Team", "secops").containsEntry("X-Vigil-Delivery", "n1");
        assertThat(r.headers().get("Content-Type")).startsWith("application/json");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("shared-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(r.headers().get("X-Vigil-Signature")).isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(r.body())));
        JsonNode json = EventJson.MAPPER.readTree(r.body());
        assertThat(json.get("notification_id").asText()).isEqualTo("n1");
        assertThat(json.at("/event/rule/id").asText()).isEqualTo("nginx-401-403-burst");
        assertThat(json.at("/event/group/source.ip").asText()).isEqualTo("203.0.113.66");
        assertThat(json.at("/event/count").asLong()).isEqualTo(6);
        assertThat(json.at("/event/url").asText()).isEqualTo("http://vigil.example:8080/#/events/ev1");
    }

    @Test
    void withoutASecretTheRequestIsNotSigned() throws Exception {
        sender.send(new WebhookChannel("plain", url("/hook"), Map.of(), null), EmailSenderTest.notice(), "n2");

        assertThat(received.poll(5, TimeUnit.SECONDS).headers()).doesNotContainKey("X-Vigil-Signature");
    }

    @Test
    void postsSlackShapedJson() throws Exception {
        assertThat(sender.send(new SlackChannel("slack", url("/services/T0/B0/xyz")), EmailSenderTest.notice(), "n3"))
                .isInstanceOf(Delivery.Sent.class);

        JsonNode json = EventJson.MAPPER.readTree(received.poll(5, TimeUnit.SECONDS).body());
        assertThat(json.get("text").asText()).contains("Burst of 401/403 responses to one client");
        assertThat(json.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(json.get("blocks").toString()).contains("203.0.113.66", "Open in Vigil");
    }

    @Test
    void aServerErrorIsWorthARetryButANotFoundIsNot() throws Exception {
        SlackChannel slack = new SlackChannel("slack", url("/services/T0/B0/secret-token"));
        answer = 503;
        assertThat(sender.send(new WebhookChannel("w", url("/hook"), Map.of(), null), EmailSenderTest.notice(), "n4"))
                .isInstanceOfSatisfying(Delivery.Failed.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.reason()).contains("answered 503: unavailable");
                });
        answer = 404;
        assertThat(uncheckedSend(slack)).isInstanceOfSatisfying(Delivery.Failed.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.reason()).doesNotContain("secret-token");
        });
    }

    @Test
    void anUnreachableReceiverIsWorthARetryAndItsPathIsNotShown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SlackChannel slack = new SlackChannel("slack", "http://127.0.0.1:" + closedPort + "/services/T0/B0/secret-token");

        assertThat(uncheckedSend(slack)).isInstanceOfSatisfying(Delivery.Failed.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.reason()).contains("127.0.0.1:" + closedPort).doesNotContain("secret-token");
        });
    }

    private Delivery uncheckedSend(SlackChannel slack) {
        try {
            return sender.send(slack, EmailSenderTest.notice(), "n5");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
