package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.QuarantineState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every change needs the session's synchronizer token and must come from the console's own origin. */
class CsrfTest extends ConsoleTestBase {

    @Test
    void forgedRequestsChangeNothing() throws Exception {
        long id = quarantine("hold me", "\r\nbody\r\n");
        ConsoleClient c = signedIn();
        String token = c.csrf();
        ConsoleClient other = signedIn();
        String othersToken = other.csrf();
        assertThat(othersToken).isNotEqualTo(token);

        // a form posted from another site carries the cookie (were it not SameSite=Strict) but not the token
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of()).statusCode()).isEqualTo(403);
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", "guessed")).statusCode()).isEqualTo(403);
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", othersToken)).statusCode()).isEqualTo(403);
        assertThat(c.postForm("/quarantine/" + id + "/delete", Map.of()).statusCode()).isEqualTo(403);
        // the right token, but the browser says the request comes from elsewhere
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", token), "Origin", "https://evil.example")
                .statusCode()).isEqualTo(403);
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", token), "Sec-Fetch-Site", "cross-site")
                .statusCode()).isEqualTo(403);
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", token), "Origin", "null").statusCode())
                .isEqualTo(403);
        assertThat(c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", token), "Origin", "null", "Sec-Fetch-Site",
                "same-site").statusCode()).isEqualTo(403);
        // the API with a session cookie needs the token in a header
        assertThat(c.send("POST", "/api/quarantine/" + id + "/release", null, null).statusCode()).isEqualTo(403);
        assertThat(c.send("DELETE", "/api/quarantine/" + id, null, null).statusCode()).isEqualTo(403);
        assertThat(c.send("DELETE", "/api/quarantine/" + id, null, null, "X-CSRF-Token", othersToken).statusCode()).isEqualTo(403);
        // nor can a forged request sign the user out
        assertThat(c.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(c.get("/dashboard").statusCode()).isEqualTo(200);

        assertThat(store.quarantine().get(id).orElseThrow().state()).isEqualTo(QuarantineState.HELD);
        assertThat(deliveries()).isZero();

        // the console's own form does it
        var ok = c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", token), "Origin", console.uri().toString()
                .replaceAll("/$", ""));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/quarantine/" + id + "?done=released");
        assertThat(store.quarantine().get(id).orElseThrow().state()).isEqualTo(QuarantineState.RELEASED);
        assertThat(deliveries()).isEqualTo(1);
    }

    @Test
    void theSignInFormIsProtectedToo() throws Exception {
        ConsoleClient c = client();
        // a nonce of another browser (its cookie is not ours)
        String foreign = ConsoleClient.csrfOf(client().get("/login").body());
        c.get("/login");
        assertThat(c.postForm("/login", Map.of("username", USER, "password", PASSWORD, "_csrf", foreign)).statusCode())
                .isEqualTo(403);
        assertThat(c.get("/dashboard").statusCode()).isEqualTo(303);
        // our own nonce, but posted from another site
        String mine = ConsoleClient.csrfOf(c.get("/login").body());
        assertThat(c.postForm("/login", Map.of("username", USER, "password", PASSWORD, "_csrf", mine), "Origin",
                "https://evil.example").statusCode()).isEqualTo(403);
        // every refusal hands out a fresh form; that one works
        mine = ConsoleClient.csrfOf(c.get("/login").body());
        assertThat(c.postForm("/login", Map.of("username", USER, "password", PASSWORD, "_csrf", mine)).statusCode())
                .isEqualTo(303);
    }
}
