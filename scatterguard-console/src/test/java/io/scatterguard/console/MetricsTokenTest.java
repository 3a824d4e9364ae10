package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.config.ConfigKeys.MetricsAccess;
import io.scatterguard.store.Credentials;
import org.junit.jupiter.api.Test;

/** console.metrics: token asks every client for an API token (or a session), loopback included. */
class MetricsTokenTest extends ConsoleTestBase {

    @Override
    ConsoleSettings settings() {
        return ConsoleSettings.loopback(0).withMetrics(MetricsAccess.TOKEN);
    }

    @Test
    void tokenModeRefusesEvenLoopback() throws Exception {
        assertThat(client().get("/metrics").statusCode()).isEqualTo(401);
        String token = Credentials.newApiToken();
        store.users().addToken(store.users().find(USER).orElseThrow().id(), "p", Credentials.hashToken(token), null);
        assertThat(client().get("/metrics", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(signedIn().get("/metrics").statusCode()).isEqualTo(200);
    }
}
