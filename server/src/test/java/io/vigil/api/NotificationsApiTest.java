package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vigil.event.EventJson;
import io.vigil.notify.NotifyConfig;
import io.vigil.server.VigilConfig;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications end to end on the real server: a real SMTP server (GreenMail) and a real HTTP
 * receiver, the seed rule fired by ingested lines, delivery status read back from the events API,
 * retries while the receiver is down, and the outbox across a restart.
 */
class NotificationsApiTest {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Fast retries, so the down-then-up path takes well under a second. */
    static final NotifyConfig FAST = NotifyConfig.defaults().withPublicUrl("http://vigil.test:8080")
            .withRetry(new NotifyConfig.Retry(Duration.ofMillis(50), Duration.ofMillis(200), 1000, Duration.ofHours(1)),
                    Duration.ofSeconds(3));

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", "s3cret"));

    @TempDir
    Path dir;
    TestServer vigil;
    WebhookReceiver receiver;

    TestServer start() throws Exception {
        return new TestServer(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0).withNotify(FAST));
    }

    @AfterEach
    void stop() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        return vigil.send(HttpRequest.newBuilder(vigil.uri(path)).header("Authorization", "Bearer " + TestServer.API)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.MAPPER.readTree(r.body());
    }

    private void create(String path, String json) throws Exception {
        HttpResponse<String> r = call("POST", path, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** Six denied requests from one client: the seed rule nginx-401-403-burst fires. Answers the security event id. */
    private String burstOfDenied(String ip) throws Exception {
        Instant t = Instant.now().minusSeconds(120);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            body.append(ip).append(" - - [").append(CLF.format(t.plusSeconds(i * 10L)))
                    .append("] \"POST /login HTTP/1.1\" 401 17 \"-\" \"hydra\"\n");
        }
        assertThat(vigil.ingest("nginx", "text/plain", body.toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        JsonNode events = get("/api/v1/events?rule=nginx-401-403-burst");
        assertThat(events.get("total").asLong()).isEqualTo(1);
        return events.at("/events/0/id").asText();
    }

    /** Polls the event until its first notification satisfies the condition; answers that notification. */
    private JsonNode awaitNotification(String eventId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode n = null;
        while (System.nanoTime() < deadline) {
            n = get("/api/v1/events/" + eventId).at("/notifications/0");
            if (!n.isMissingNode() && condition.test(n)) {
                return n;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("notification of event " + eventId + " never got there; last seen: " + n);
    }

    private String smtpChannel(String name) {
        return "{\"name\": \"" + name + "\", \"type\": \"email\", \"to\": [\"soc@example.com\"], \"smtp\": {\"host\": \"127.0.0.1\", "
                + "\"port\": " + MAIL.getSmtp().getPort() + ", \"tls\": \"none\", \"user\": \"vigil\", \"password\": \"s3cret\", "
                + "\"from\": \"vigil@example.com\"}}";
    }

    @Test
    void theSeedRuleEmailsTheDefaultChannelWithRuleClientCountAndSampleLine() throws Exception {
        vigil = start();
        create("/api/v1/channels", smtpChannel("default"));

        String id = burstOfDenied("203.0.113.66");

        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(m.getSubject()).contains("Burst of 401/403 responses to one client", "203.0.113.66");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("soc@example.com");
        assertThat(GreenMailUtil.getBody(m)).contains("Count:      6 events", "source.ip=203.0.113.66",
                "203.0.113.66 - - [", "\"POST /login HTTP/1.1\" 401 17", "http://vigil.test:8080/#/events/" + id);
        JsonNode n = awaitNotification(id, x -> "sent".equals(x.path("status").asText()));
        assertThat(n.get("channel").asText()).isEqualTo("default");
        assertThat(n.get("type").asText()).isEqualTo("email");
        assertThat(n.get("attempts").asInt()).isEqualTo(1);
        HttpResponse<String> metrics = call("GET", "/metrics", null);
        assertThat(metrics.body()).contains("vigil_notifications_sent_total{type=\"email\"} 1.0");
    }

    @Test
    void aSignedWebhookAndASlackMessageGoOutForARuleNamingThem() throws Exception {
        receiver = new WebhookReceiver(0);
        vigil = start();
        create("/api/v1/channels", "{\"name\": \"siem\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/hook")
                + "\", \"headers\": {\"X-Team\": \"secops\"}, \"secret\": \"shared-key\"}");
        create("/api/v1/rules", """
                {"id": "admin-probe", "title": "Admin probe", "severity": "low", "query": "url.path:\\\\/admin*",
                 "type": "match", "group_by": ["source.ip"],
                 "actions": [{"channel": ["siem"]}, {"slack": ["%s"]}]}""".formatted(receiver.url("/services/T0/B0/token")));

        vigil.ingest("nginx", "text/plain", ("192.0.2.5 - - [" + CLF.format(Instant.now())
                + "] \"GET /admin/x HTTP/1.1\" 404 1 \"-\" \"x\"\n").getBytes(StandardCharsets.UTF_8));

        WebhookReceiver.Request a = receiver.requests.poll(5, TimeUnit.SECONDS);
        WebhookReceiver.Request b = receiver.requests.poll(5, TimeUnit.SECONDS);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        WebhookReceiver.Request hook = a.path().equals("/hook") ? a : b;
        WebhookReceiver.Request slack = hook == a ? b : a;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("shared-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(hook.headers().get("X-Vigil-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.body())));
        assertThat(hook.headers()).containsEntry("X-Team", "secops");
        JsonNode payload = EventJson.MAPPER.readTree(hook.body());
        assertThat(payload.at("/event/rule/id").asText()).isEqualTo("admin-probe");
        assertThat(payload.at("/event/group/source.ip").asText()).isEqualTo("192.0.2.5");
        assertThat(payload.at("/event/samples/0").asText()).contains("GET /admin/x");
        assertThat(slack.path()).isEqualTo("/services/T0/B0/token");
        JsonNode slackJson = EventJson.MAPPER.readTree(slack.body());
        assertThat(slackJson.get("text").asText()).contains("Admin probe");
        assertThat(slackJson.get("blocks").isArray()).isTrue();

        String id = payload.at("/event/id").asText();
        JsonNode event = get("/api/v1/events/" + id);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((event.get("notifications").size() < 2 || !event.toString().contains("\"status\":\"sent\""))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            event = get("/api/v1/events/" + id);
        }
        assertThat(event.get("notifications")).hasSize(2).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("sent"));
        assertThat(event.get("notifications").toString()).as("the Slack URL is a credential").doesNotContain("token");
    }

    @Test
    void whileTheWebhookAnswers503TheNotificationStaysPendingWithAttemptsCountedThenIsDelivered() throws Exception {
        receiver = new WebhookReceiver(0);
        receiver.status.set(503);
        vigil = start();
        create("/api/v1/channels", "{\"name\": \"default\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/hook") + "\"}");

        String id = burstOfDenied("198.51.100.7");

        JsonNode pending = awaitNotification(id, n -> n.path("attempts").asInt() >= 2);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("last_error").asText()).contains("answered 503");
        assertThat(pending.get("next_attempt").isNull()).isFalse();
        assertThat(call("GET", "/metrics", null).body()).contains("vigil_notifications_pending{type=\"webhook\"} 1.0");

        receiver.status.set(200);

        JsonNode sent = awaitNotification(id, n -> "sent".equals(n.path("status").asText()));
        assertThat(sent.get("attempts").asInt()).isGreaterThan(2);
        assertThat(sent.get("last_error").isNull()).isTrue();
        assertThat(EventJson.MAPPER.readTree(receiver.requests.poll(5, TimeUnit.SECONDS).body()).at("/event/id").asText()).isEqualTo(id);
        assertThat(receiver.requests.poll(300, TimeUnit.MILLISECONDS)).as("delivered once").isNull();
        assertThat(dir.resolve("outbox")).isEmptyDirectory();
    }

    @Test
    void retriesForAnOlderEpisodeDoNotStopTheGroupsLaterSignalsJoiningTheCurrentOne() throws Exception {
        receiver = new WebhookReceiver(0);
        receiver.status.set(503);
        vigil = start();
        create("/api/v1/channels", "{\"name\": \"default\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/hook") + "\"}");
        create("/api/v1/rules", """
                {"id": "admin-probe", "title": "Admin probe", "severity": "low", "query": "url.path:\\\\/admin*",
                 "type": "match", "group_by": ["source.ip"], "throttle": "1s", "actions": [{"channel": ["default"]}]}""");
        Instant t = Instant.now().minusSeconds(60);
        probe(t);
        probe(t.plusSeconds(10)); // past the throttle: a second episode
        JsonNode events = get("/api/v1/events?rule=admin-probe");
        assertThat(events.get("total").asLong()).isEqualTo(2);
        String older = events.at("/events/1/id").asText();
        int seen = get("/api/v1/events/" + older).at("/notifications/0/attempts").asInt();
        awaitNotification(older, n -> n.path("attempts").asInt() > seen + 1); // recorded after the second episode began

        probe(t.plusSeconds(10).plusMillis(500));

        events = get("/api/v1/events?rule=admin-probe");
        assertThat(events.get("total").asLong()).as("joined the current episode").isEqualTo(2);
        assertThat(events.at("/events/0/count").asLong()).isEqualTo(2);
    }

    private void probe(Instant at) throws Exception {
        vigil.ingest("nginx", "text/plain", ("192.0.2.9 - - [" + CLF.format(at) + "] \"GET /admin/x HTTP/1.1\" 404 1 \"-\" \"x\"\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPendingNotificationSurvivesARestartAndIsDeliveredAfterIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens here until after the restart
        }
        vigil = start();
        create("/api/v1/channels", "{\"name\": \"default\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:" + port + "/hook\"}");
        String id = burstOfDenied("198.51.100.8");
        JsonNode pending = awaitNotification(id, n -> n.path("attempts").asInt() >= 1);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("last_error").asText()).contains("127.0.0.1:" + port);

        vigil.close();
        vigil = null;
        try (var files = Files.list(dir.resolve("outbox"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(1);
        }
        receiver = new WebhookReceiver(port);
        vigil = start();

        WebhookReceiver.Request r = receiver.requests.poll(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(EventJson.MAPPER.readTree(r.body()).at("/event/group/source.ip").asText()).isEqualTo("198.51.100.8");
        assertThat(awaitNotification(id, n -> "sent".equals(n.path("status").asText())).get("attempts").asInt()).isGreaterThan(1);
    }
}
