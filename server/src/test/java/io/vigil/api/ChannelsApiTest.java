package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/channels} on the real server: management, secrets never answered, and "send test". */
class ChannelsApiTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", "s3cret"));

    @TempDir
    Path dir;
    TestServer vigil;

    @BeforeEach
    void start() throws Exception {
        vigil = new TestServer(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0).withNotify(NotificationsApiTest.FAST));
    }

    @AfterEach
    void stop() throws Exception {
        vigil.close();
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        return vigil.send(HttpRequest.newBuilder(vigil.uri(path)).header("Authorization", "Bearer " + TestServer.API)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return EventJson.MAPPER.readTree(r.body());
    }

    private String email(String password) {
        return "{\"name\": \"default\", \"type\": \"email\", \"to\": [\"soc@example.com\"], \"smtp\": {\"host\": \"127.0.0.1\", "
                + "\"port\": " + MAIL.getSmtp().getPort() + ", \"tls\": \"none\", \"user\": \"vigil\""
                + (password == null ? "" : ", \"password\": \"" + password + "\"") + ", \"from\": \"vigil@example.com\"}}";
    }

    @Test
    void channelsAreCreatedListedReplacedAndDeletedWithoutEverAnsweringASecret() throws Exception {
        JsonNode created = json(call("POST", "/api/v1/channels", email("s3cret")), 201);
        assertThat(created.at("/smtp/password_set").asBoolean()).isTrue();
        json(call("POST", "/api/v1/channels", "{\"name\": \"siem\", \"type\": \"webhook\", \"url\": \"https://siem.example/in\","
                + " \"headers\": {\"Authorization\": \"Bearer hdr-token\"}, \"secret\": \"hmac-key\"}"), 201);
        json(call("POST", "/api/v1/channels", "{\"name\": \"chat\", \"type\": \"slack\", \"url\": \"https://hooks.slack.example/services/T/B/slack-token\"}"), 201);

        String listed = call("GET", "/api/v1/channels", null).body();
        assertThat(EventJson.MAPPER.readTree(listed).get("channels")).hasSize(3);
        assertThat(listed).doesNotContain("s3cret", "hdr-token", "hmac-key", "slack-token")
                .contains("\"secret_set\":true", "\"url_set\":true", "\"Authorization\":\"***\"");
        assertThat(json(call("POST", "/api/v1/channels", email("x")), 409).get("error").asText()).contains("already exists");
        JsonNode bad = json(call("POST", "/api/v1/channels", "{\"name\": \"x\", \"type\": \"email\", \"to\": [\"nope\"]}"), 400);
        assertThat(bad.get("problems").toString()).contains("not an email address");

        // What GET answered can be sent back: the secrets it hid are kept.
        JsonNode siem = json(call("GET", "/api/v1/channels/siem", null), 200);
        String edited = siem.toString().replace("https://siem.example/in", "https://siem.example/v2");
        assertThat(json(call("PUT", "/api/v1/channels/siem", edited), 200).get("url").asText()).isEqualTo("https://siem.example/v2");
        String stored = Files.readString(dir.resolve("state/channels.json"));
        assertThat(stored).contains("hdr-token", "hmac-key", "https://siem.example/v2");

        assertThat(call("DELETE", "/api/v1/channels/chat", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/channels/chat", null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/channels/siem", "{\"name\": \"other\", \"type\": \"slack\", \"url\": \"https://a.example\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void sendTestDeliversNowAndAnswersTheOutcome() throws Exception {
        json(call("POST", "/api/v1/channels", email("s3cret")), 201);
        // Replacing without the password keeps it: the test still authenticates.
        json(call("PUT", "/api/v1/channels/default", email(null)), 200);

        JsonNode ok = json(call("POST", "/api/v1/channels/default/test", null), 200);

        assertThat(ok.get("delivered").asBoolean()).as(ok.toString()).isTrue();
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(MAIL.getReceivedMessages()[0].getSubject()).isEqualTo("[Vigil] Test notification");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        json(call("POST", "/api/v1/channels", "{\"name\": \"down\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:" + port + "/x\"}"), 201);
        JsonNode failed = json(call("POST", "/api/v1/channels/down/test", null), 200);
        assertThat(failed.get("delivered").asBoolean()).isFalse();
        assertThat(failed.get("error").asText()).contains("127.0.0.1:" + port);
        assertThat(call("POST", "/api/v1/channels/nothing/test", null).statusCode()).isEqualTo(404);
    }
}
