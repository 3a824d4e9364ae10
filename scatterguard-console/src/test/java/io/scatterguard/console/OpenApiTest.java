package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/api/openapi.yaml stays true to the console: the same routes, and the same fields as the real answers. */
class OpenApiTest extends ConsoleTestBase {
    private static final Path SPEC = Path.of("../docs/api/openapi.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode spec() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(SPEC));
    }

    @Test
    void everyApiRouteIsDocumentedAndNothingElse() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = spec().get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> ops = spec().get("paths").get(path).fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (Set.of("get", "post", "put", "patch", "delete").contains(op)) documented.add(op.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> served = new TreeSet<>();
        for (Console.Route r : console.routes()) {
            if (r.path().startsWith("/api/") || r.path().equals("/metrics")) served.add(r.method() + " " + r.path());
        }
        assertThat(documented).as("docs/api/openapi.yaml against the console's routes").isEqualTo(served);
    }

    @Test
    void documentedFieldsAreTheFieldsServed() throws Exception {
        long id = quarantine("fields", "\r\nbody\r\n");
        audit(Outcome.REJECTED, "", "203.0.113.9", "BOUNCE_NOT_OURS", true);
        String token = Credentials.newApiToken();
        store.users().addToken(store.users().find(USER).orElseThrow().id(), "t", Credentials.hashToken(token), null);
        ConsoleClient c = client();
        String auth = "Bearer " + token;
        long auditId = JSON.readTree(c.get("/api/audit", "Authorization", auth).body()).get("items").get(0).get("id").asLong();
        assertSameFields("Me", JSON.readTree(c.get("/api/me", "Authorization", auth).body()));
        assertSameFields("Stats", JSON.readTree(c.get("/api/stats", "Authorization", auth).body()));
        assertSameFields("QuarantinedMessage", JSON.readTree(c.get("/api/quarantine/" + id, "Authorization", auth).body()));
        assertSameFields("QuarantinePage", JSON.readTree(c.get("/api/quarantine", "Authorization", auth).body()));
        assertSameFields("MessageView", JSON.readTree(c.get("/api/quarantine/" + id + "/view", "Authorization", auth).body()));
        assertSameFields("AuditEntry", JSON.readTree(c.get("/api/audit/" + auditId, "Authorization", auth).body()));
        assertSameFields("AuditPage", JSON.readTree(c.get("/api/audit", "Authorization", auth).body()));
        assertSameFields("ConfigEntry", JSON.readTree(c.get("/api/config", "Authorization", auth).body()).get(0));
        assertSameFields("Error", JSON.readTree(c.get("/api/quarantine/999", "Authorization", auth).body()));
    }

    private static void assertSameFields(String schema, JsonNode served) throws Exception {
        Set<String> documented = new TreeSet<>();
        spec().get("components").get("schemas").get(schema).get("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> actual = new TreeSet<>();
        served.fieldNames().forEachRemaining(actual::add);
        if (schema.equals("Error")) assertThat(documented).as(schema).containsAll(actual);
        else assertThat(actual).as(schema).isEqualTo(documented);
    }
}
