package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.Store;
import io.scatterguard.store.StoreSettings;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Two console nodes on one database, as behind a load balancer: a sign-in on one is a sign-in on the
 * other, and signing out on one ends the session on both. Each node has its own store connection
 * pool on the same database file.
 */
class TwoNodeSessionTest extends ConsoleTestBase {

    @Test
    void aSessionIsKnownToEveryNodeAndEndsEverywhere() throws Exception {
        try (Store otherStore = Store.open(StoreSettings.embedded(dir.resolve("data")).withNodeName("node-b"));
                Console other = Console.builder(settings(), otherStore).start()) {
            ConsoleClient a = client();
            HttpResponse<String> in = a.signIn(USER, PASSWORD);
            assertThat(in.statusCode()).isEqualTo(303);
            String cookie = a.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("sg_session"))
                    .findFirst().orElseThrow().getValue();

            ConsoleClient b = new ConsoleClient(other.uri());
            assertThat(b.get("/api/me", "Cookie", "sg_session=" + cookie).statusCode()).as("node B knows the session")
                    .isEqualTo(200);
            assertThat(b.get("/dashboard", "Cookie", "sg_session=" + cookie).body()).contains(USER);

            // sign out on node B (its form carries the session's CSRF token, which node B reads from the store)
            String csrf = ConsoleClient.csrfOf(b.get("/dashboard", "Cookie", "sg_session=" + cookie).body());
            HttpResponse<String> out = b.postForm("/logout", java.util.Map.of("_csrf", csrf), "Cookie", "sg_session=" + cookie);
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(a.get("/api/me").statusCode()).as("node A: the session has ended").isEqualTo(401);
            assertThat(store.sessions().count()).isZero();
        }
    }
}
