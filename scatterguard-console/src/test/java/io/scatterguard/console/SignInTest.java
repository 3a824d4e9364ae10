package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.Credentials;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-in, its rate limit, session cookies and their expiry, sign-out. */
class SignInTest extends ConsoleTestBase {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));

    @Override
    ConsoleSettings settings() {
        return ConsoleSettings.loopback(0).withLoginLimit(3, Duration.ofMinutes(15)).withSessions(Duration.ofMinutes(30),
                Duration.ofHours(12));
    }

    @Override
    Console.Builder configure(Console.Builder b) {
        return b.clock(clock);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndRandom() throws Exception {
        ConsoleClient c = client();
        HttpResponse<String> r = c.signIn(USER, PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/dashboard");
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("sg_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Strict").doesNotContain("Secure")
                .doesNotContain("Max-Age").doesNotContain("Expires");
        String id = cookie.substring("sg_session=".length(), cookie.indexOf(';'));
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        ConsoleClient again = client();
        again.signIn(USER, PASSWORD);
        assertThat(again.cookies.getCookieStore().getCookies()).noneMatch(x -> x.getValue().equals(id));
        // the id names a session on the server: a made-up one is nobody
        ConsoleClient forger = client();
        String oneOff = id.substring(0, 42) + (id.endsWith("A") ? "B" : "A");
        assertThat(forger.get("/api/me", "Cookie", "sg_session=" + oneOff).statusCode()).isEqualTo(401);
        assertThat(forger.get("/api/me", "Cookie", "sg_session=" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyLocalPathsAreFollowedAfterSignIn() throws Exception {
        for (String[] next : new String[][] {{"/audit?symbol=X", "/audit?symbol=X"}, {"https://evil.example/", "/dashboard"},
                {"//evil.example/", "/dashboard"}, {"/\\evil.example", "/dashboard"}}) {
            ConsoleClient c = client();
            String nonce = ConsoleClient.csrfOf(c.get("/login").body());
            HttpResponse<String> r = c.postForm("/login", Map.of("username", USER, "password", PASSWORD, "_csrf", nonce,
                    "next", next[0]));
            assertThat(r.headers().firstValue("Location")).as(next[0]).hasValue(next[1]);
        }
    }

    @Test
    void wrongPasswordsAreThrottledPerAddressAndPerName() throws Exception {
        store.users().create("bob", Credentials.hashPassword("bobs password".toCharArray()));
        ConsoleClient here = client();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = here.signIn(USER, "wrong " + i);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("Wrong user name or password.");
        }
        // the right password no longer helps, for this name ...
        HttpResponse<String> blocked = here.signIn(USER, PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 900L));
        assertThat(blocked.body()).contains("Too many failed sign-ins");
        assertThat(here.get("/dashboard").statusCode()).isEqualTo(303);
        ConsoleClient elsewhere = new ConsoleClient(console.uri(), InetAddress.getByName("127.0.0.2"));
        assertThat(elsewhere.signIn(USER, PASSWORD).statusCode()).isEqualTo(429);
        // ... nor from this address, for any name
        assertThat(here.signIn("bob", "bobs password").statusCode()).isEqualTo(429);
        // another address and another name are not affected
        assertThat(elsewhere.signIn("bob", "bobs password").statusCode()).isEqualTo(303);

        clock.advance(Duration.ofMinutes(16));
        assertThat(here.signIn(USER, PASSWORD).statusCode()).isEqualTo(303);
        assertThat(here.get("/dashboard").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownUsersAndDisabledUsersCannotSignIn() throws Exception {
        assertThat(client().signIn("mallory", PASSWORD).statusCode()).isEqualTo(401);
        long id = store.users().find(USER).orElseThrow().id();
        ConsoleClient c = signedIn();
        store.users().setDisabled(id, true);
        assertThat(c.get("/dashboard").statusCode()).as("a disabled user's session ends").isEqualTo(303);
        assertThat(client().signIn(USER, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void sessionsEndWhenIdleAtTheEndOfTheirLifetimeAndAtSignOut() throws Exception {
        ConsoleClient c = signedIn();
        clock.advance(Duration.ofMinutes(29));
        assertThat(c.get("/dashboard").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(c.get("/dashboard").statusCode()).as("idle for 31 minutes").isEqualTo(303);

        c = signedIn();
        for (int i = 0; i < 35; i++) { // used every 20 minutes for 11h40
            clock.advance(Duration.ofMinutes(20));
            assertThat(c.get("/api/me").statusCode()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(21));
        assertThat(c.get("/api/me").statusCode()).as("past its 12-hour lifetime").isEqualTo(401);

        c = signedIn();
        HttpResponse<String> out = c.postForm("/logout", Map.of("_csrf", c.csrf()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(v -> v.startsWith("sg_session=;") && v.contains("Max-Age=0"));
        String id = c.cookies.getCookieStore().getCookies().stream().filter(x -> x.getName().equals("sg_session"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse("");
        assertThat(c.get("/dashboard").statusCode()).isEqualTo(303);
        assertThat(client().get("/api/me", "Cookie", "sg_session=" + id).statusCode()).isEqualTo(401);
    }
}
