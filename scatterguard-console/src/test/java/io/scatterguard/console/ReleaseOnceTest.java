package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.QuarantineState;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A release delivers once: a replay, a second operator or a double click gets 409 and delivers nothing. */
class ReleaseOnceTest extends ConsoleTestBase {

    @Test
    void aReplayedReleaseIsRefusedAndDeliversNothing() throws Exception {
        long id = quarantine("release me", "\r\nbody\r\n");
        ConsoleClient c = signedIn();
        String token = c.csrf();
        HttpResponse<String> first = c.send("POST", "/api/quarantine/" + id + "/release", null, null, "X-CSRF-Token", token);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"state\":\"released\"").contains("\"releasedBy\":\"alice\"");
        assertThat(deliveries()).isEqualTo(1);

        HttpResponse<String> again = c.send("POST", "/api/quarantine/" + id + "/release", null, null, "X-CSRF-Token", token);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"reason\":\"ALREADY_RELEASED\"");
        HttpResponse<String> viaPage = c.postForm("/quarantine/" + id + "/release", Map.of("_csrf", token));
        assertThat(viaPage.statusCode()).isEqualTo(409);
        assertThat(viaPage.body()).contains("released already");
        assertThat(c.get("/quarantine/" + id + "/release").statusCode()).isEqualTo(409);
        assertThat(deliveries()).isEqualTo(1);
        // nor can it be deleted by mistake afterwards and released again
        assertThat(c.send("POST", "/api/quarantine/999999/release", null, null, "X-CSRF-Token", token).statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentReleasesDeliverOnce() throws Exception {
        long id = quarantine("race", "\r\nbody\r\n");
        List<ConsoleClient> operators = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ConsoleClient c = signedIn();
            operators.add(c);
            tokens.add(c.csrf());
        }
        ExecutorService pool = Executors.newFixedThreadPool(operators.size());
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < operators.size(); i++) {
                ConsoleClient c = operators.get(i);
                String t = tokens.get(i);
                calls.add(() -> c.send("POST", "/api/quarantine/" + id + "/release", null, null, "X-CSRF-Token", t).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) codes.add(f.get());
            assertThat(codes).containsOnlyOnce(200).allMatch(code -> code == 200 || code == 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(deliveries()).isEqualTo(1);
        assertThat(store.quarantine().get(id).orElseThrow().state()).isEqualTo(QuarantineState.RELEASED);
    }

    @Test
    void deletedMailCannotBeReleased() throws Exception {
        long id = quarantine("delete me", "\r\nbody\r\n");
        ConsoleClient c = signedIn();
        String token = c.csrf();
        assertThat(c.get("/quarantine/" + id + "/delete").body()).contains("Delete for good");
        HttpResponse<String> deleted = c.postForm("/quarantine/" + id + "/delete", Map.of("_csrf", token));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(c.get("/quarantine/" + id + "?done=deleted").body()).contains("Deleted: the message").contains("UTC by alice");
        HttpResponse<String> release = c.send("POST", "/api/quarantine/" + id + "/release", null, null, "X-CSRF-Token", token);
        assertThat(release.statusCode()).isEqualTo(409);
        assertThat(release.body()).contains("DELETED");
        assertThat(c.get("/api/quarantine/" + id + "/raw").statusCode()).isEqualTo(410);
        assertThat(deliveries()).isZero();
    }
}
