package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, the session cookie on the API, CSRF and sign-out, over HTTP against the real server. */
class SessionApiTest {
    @TempDir
    static Path dir;
    static WebTestServer vigil;

    @BeforeAll
    static void start() throws Exception {
        vigil = new WebTestServer(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() throws Exception {
        vigil.close();
    }

    private HttpResponse<String> withCookie(String cookie, String method, String path, String csrf) throws Exception {
        HttpRequest.Builder r = vigil.request(path).header("Cookie", cookie).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            r.header(SessionGate.CSRF_HEADER, csrf);
        }
        return vigil.send(r);
    }

    private String csrf(String cookie) throws Exception {
        HttpResponse<String> r = withCookie(cookie, "GET", "/api/v1/session", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.MAPPER.readTree(r.body()).get("csrf_token").asText();
    }

    @Test
    void aWrongPasswordIs401AndSetsNoCookie() throws Exception {
        HttpResponse<String> r = vigil.signIn("wrong password");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).contains("wrong username or password");
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieThatIsSecureBehindTls() throws Exception {
        HttpResponse<String> r = vigil.signIn(WebTestServer.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("vigil_session=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
                .doesNotContain("Secure");
        JsonNode body = EventJson.MAPPER.readTree(r.body());
        assertThat(body.get("username").asText()).isEqualTo("admin");
        assertThat(body.get("role").asText()).isEqualTo("admin");
        assertThat(body.get("csrf_token").asText()).hasSizeGreaterThan(30);

        HttpResponse<String> proxied = vigil.send(vigil.request("/api/v1/session").header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"admin\", \"password\": \"" + WebTestServer.PASSWORD + "\"}")));
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void signInRefusesAFormPostSoThatNoOtherSiteCanSignSomeoneIn() throws Exception {
        HttpResponse<String> r = vigil.send(vigil.request("/api/v1/session").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x")));
        assertThat(r.statusCode()).isEqualTo(415);
    }

    @Test
    void aSessionIsAcceptedOnApiRoutesLikeAnApiToken() throws Exception {
        String cookie = WebTestServer.cookie(vigil.signIn(WebTestServer.PASSWORD));
        assertThat(withCookie(cookie, "GET", "/api/v1/rules", null).statusCode()).isEqualTo(200);
        assertThat(withCookie(cookie, "GET", "/api/v1/search?q=*", null).statusCode()).isEqualTo(200);
        assertThat(withCookie("vigil_session=made-up", "GET", "/api/v1/rules", null).statusCode()).isEqualTo(401);
        assertThat(vigil.send(vigil.request("/api/v1/rules").GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aStateChangingRequestWithTheCookieNeedsTheCsrfToken() throws Exception {
        String cookie = WebTestServer.cookie(vigil.signIn(WebTestServer.PASSWORD));
        HttpResponse<String> refused = withCookie(cookie, "POST", "/api/v1/rules/nginx-401-403-burst/disable", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("X-CSRF-Token");
        assertThat(withCookie(cookie, "POST", "/api/v1/rules/nginx-401-403-burst/disable", "not-the-token").statusCode()).isEqualTo(403);
        assertThat(vigil.apiJson("GET", "/api/v1/rules/nginx-401-403-burst", null, 200).get("enabled").asBoolean()).isTrue();

        String csrf = csrf(cookie);
        assertThat(withCookie(cookie, "POST", "/api/v1/rules/nginx-401-403-burst/disable", csrf).statusCode()).isEqualTo(200);
        assertThat(vigil.apiJson("GET", "/api/v1/rules/nginx-401-403-burst", null, 200).get("enabled").asBoolean()).isFalse();
        // A bearer-token client sends no CSRF token and is not asked for one.
        vigil.apiJson("POST", "/api/v1/rules/nginx-401-403-burst/enable", null, 200);
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        String cookie = WebTestServer.cookie(vigil.signIn(WebTestServer.PASSWORD));
        String csrf = csrf(cookie);
        assertThat(withCookie(cookie, "DELETE", "/api/v1/session", null).statusCode()).as("sign-out needs the CSRF token too").isEqualTo(403);
        HttpResponse<String> out = withCookie(cookie, "DELETE", "/api/v1/session", csrf);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(withCookie(cookie, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(withCookie(cookie, "GET", "/api/v1/rules", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anIngestTokenIsStillRefusedOutsideIngest() throws Exception {
        HttpResponse<String> r = vigil.send(vigil.request("/api/v1/rules").header("Authorization", "Bearer " + WebTestServer.INGEST).GET());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void pagesNeedASessionWhileAssetsAndSignInDoNot() throws Exception {
        HttpResponse<String> page = vigil.send(vigil.request("/ui/discover?q=x").GET());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).isEqualTo("/ui/signin?next=%2Fui%2Fdiscover%3Fq%3Dx");
        HttpResponse<String> root = vigil.send(vigil.request("/").header("Accept", "text/html").GET());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).isEqualTo("/ui/signin");

        HttpResponse<String> signIn = vigil.send(vigil.request("/ui/signin").GET());
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        HttpResponse<String> js = vigil.send(vigil.request("/ui/assets/app.js").GET());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(vigil.send(vigil.request("/ui/vendor/echarts.esm.min.mjs").GET()).statusCode()).isEqualTo(200);
        assertThat(vigil.send(vigil.request("/ui/assets/../index.html").GET()).statusCode()).isNotEqualTo(200);

        String cookie = WebTestServer.cookie(vigil.signIn(WebTestServer.PASSWORD));
        HttpResponse<String> signedIn = withCookie(cookie, "GET", "/ui/discover", null);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("/ui/assets/app.js");
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDown() throws Exception {
        HttpResponse<String> r = null;
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            r = vigil.send(vigil.request("/api/v1/session").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"mallory\", \"password\": \"guess" + i + "\"}")));
        }
        assertThat(r.statusCode()).isEqualTo(429);
    }
}
