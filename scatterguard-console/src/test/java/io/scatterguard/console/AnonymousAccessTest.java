package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.Outcome;
import io.scatterguard.store.QuarantineState;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No page or API call works without signing in. The routes are taken from the running console
 * (which refuses to start if Javalin serves a route it did not declare), so a new route cannot be
 * left out of this test.
 */
class AnonymousAccessTest extends ConsoleTestBase {

    @Test
    void everySignedInRouteRefusesAnonymousRequests() throws Exception {
        long id = quarantine("Secret subject 4711", "\r\nsecret body\r\n");
        audit(Outcome.REJECTED, "forged@example.com", "192.0.2.99", "BOUNCE_NOT_OURS", true);
        long auditId = store.audit().search(io.scatterguard.store.AuditQuery.all()).items().get(0).id();
        List<Console.Route> routes = console.routes();
        assertThat(routes).extracting(Console.Route::path).contains("/dashboard", "/quarantine/{id}", "/api/quarantine/{id}/release",
                "/api/audit/export.csv", "/config", "/metrics");
        assertThat(routes.stream().filter(r -> r.access() == Console.Access.SIGNED_IN)).hasSizeGreaterThan(20);

        // no credentials, a garbage session cookie, and a wrong API token: all the same to the console
        List<String[]> asWho = List.of(new String[0], new String[] {"Cookie", "sg_session=forged-session-id"},
                new String[] {"Authorization", "Bearer sg_not-a-real-token"}, new String[] {"Authorization", "Basic YWxpY2U6eA=="});
        for (String[] who : asWho) {
            ConsoleClient c = client();
            for (Console.Route r : routes) {
                if (r.access() != Console.Access.SIGNED_IN) continue;
                String path = r.path().replace("{id}", r.path().startsWith("/audit") || r.path().startsWith("/api/audit")
                        ? Long.toString(auditId) : Long.toString(id));
                HttpResponse<String> resp = c.send(r.method(), path, "application/x-www-form-urlencoded", "", who);
                String what = r.method() + " " + path + " as " + String.join(" ", who);
                if (r.method().equals("GET") && !path.startsWith("/api/")) {
                    assertThat(resp.statusCode()).as(what).isEqualTo(303);
                    assertThat(resp.headers().firstValue("Location")).as(what).hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));
                } else {
                    assertThat(resp.statusCode()).as(what).isEqualTo(401);
                    assertThat(resp.headers().firstValue("WWW-Authenticate")).as(what).hasValue("Bearer realm=\"scatterguard\"");
                }
                assertThat(resp.body()).as(what).doesNotContain("Secret subject", "secret body", "forged@example.com");
            }
        }
        assertThat(store.quarantine().get(id).orElseThrow().state()).isEqualTo(QuarantineState.HELD);
        assertThat(deliveries()).isZero();
    }

    @Test
    void publicRoutesServeOnlyTheSignInPageAndAssets() throws Exception {
        ConsoleClient c = client();
        assertThat(c.get("/login").statusCode()).isEqualTo(200);
        assertThat(c.get("/static/console.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(c.get("/static/chart.umd.min.js").statusCode()).isEqualTo(200);
        // only the listed files: no walking the class path
        assertThat(c.get("/static/..%2F..%2Fio%2Fscatterguard%2Fconsole%2FConsole.class").statusCode()).isIn(400, 404);
        assertThat(c.get("/static/Console.class").statusCode()).isEqualTo(404);
        assertThat(c.get("/nothing-here").statusCode()).isEqualTo(404);
        // a sign-in POST without the form's nonce is refused before any password is looked at
        assertThat(c.postForm("/login", java.util.Map.of("username", USER, "password", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(c.get("/dashboard").statusCode()).isEqualTo(303);
    }
}
