package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.ApiToken;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.User;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Scripts use API tokens (Authorization: Bearer); a wrong, revoked or expired one gets nothing. */
class ApiTokenTest extends ConsoleTestBase {

    @Test
    void aTokenWorksAndAWrongOneDoesNot() throws Exception {
        User alice = store.users().find(USER).orElseThrow();
        String token = Credentials.newApiToken();
        ApiToken t = store.users().addToken(alice.id(), "ci", Credentials.hashToken(token), null);
        ConsoleClient c = client();

        HttpResponse<String> me = c.get("/api/me", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"username\":\"alice\",\"via\":\"token\"}");
        assertThat(c.get("/api/quarantine", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        for (String wrong : new String[] {"Bearer " + token.substring(0, token.length() - 1) + "x", "Bearer ", "Bearer sg_",
                "bearer" + token, "Token " + token, "Basic " + token}) {
            HttpResponse<String> r = c.get("/api/me", "Authorization", wrong);
            assertThat(r.statusCode()).as(wrong).isEqualTo(401);
            assertThat(r.body()).as(wrong).contains("\"error\"").doesNotContain("alice");
        }

        // a token has no ambient authority, so it needs no CSRF token; the release is recorded as the API's
        long id = quarantine("for the script", "\r\nbody\r\n");
        HttpResponse<String> released = c.send("POST", "/api/quarantine/" + id + "/release", null, null,
                "Authorization", "Bearer " + token);
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(store.quarantine().get(id).orElseThrow().releasedBy()).hasValue("api:alice");
        assertThat(store.quarantine().get(id).orElseThrow().state()).isEqualTo(QuarantineState.RELEASED);

        store.users().revokeToken(t.id());
        assertThat(c.get("/api/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);

        String expiring = Credentials.newApiToken();
        store.users().addToken(alice.id(), "old", Credentials.hashToken(expiring), Instant.now().minusSeconds(1));
        assertThat(c.get("/api/me", "Authorization", "Bearer " + expiring).statusCode()).isEqualTo(401);
    }
}
