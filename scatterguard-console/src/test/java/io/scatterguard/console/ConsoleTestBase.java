package io.scatterguard.console;

import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.QuarantineRequest;
import io.scatterguard.store.RefusedRecipient;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A console on loopback over an embedded store with one user, releasing into a Maildir. */
abstract class ConsoleTestBase {
    static final String USER = "alice";
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    Store store;
    Console console;
    Path maildir;

    @BeforeEach
    void startConsole() throws IOException {
        store = Store.open(StoreSettings.embedded(dir.resolve("data")));
        store.users().create(USER, Credentials.hashPassword(PASSWORD.toCharArray()));
        maildir = dir.resolve("maildir");
        console = configure(Console.builder(settings(), store)
                .release(QuarantineRelease.of(store.quarantine(), "maildir " + maildir,
                        (m, raw) -> new MaildirDelivery(maildir, "test.example").deliver(raw, m.recipients()))))
                .start();
    }

    ConsoleSettings settings() {
        return ConsoleSettings.loopback(0);
    }

    Console.Builder configure(Console.Builder b) {
        return b;
    }

    @AfterEach
    void stopConsole() {
        if (console != null) console.close();
        if (store != null) store.close();
    }

    ConsoleClient client() {
        return new ConsoleClient(console.uri());
    }

    ConsoleClient signedIn() throws IOException, InterruptedException {
        ConsoleClient c = client();
        var r = c.signIn(USER, PASSWORD);
        if (r.statusCode() != 303) throw new AssertionError("sign-in failed: " + r.statusCode() + "\n" + r.body());
        return c;
    }

    long quarantine(String subject, String body) {
        String raw = "From: Spammer <spam@botnet.example>\r\nTo: bob@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <q-" + System.nanoTime() + "@botnet.example>\r\n" + body;
        return store.quarantine().put(new QuarantineRequest(Instant.now(), "s1", "192.0.2.7", "", "bot.example", false,
                "spam@botnet.example", List.of("bob@example.com"), "spam", "spamd", "SPAMD_SPAM", List.of("SPAMD_SPAM"),
                "spamd score 12.5", subject, "<q@botnet.example>", raw.getBytes(StandardCharsets.UTF_8)));
    }

    void audit(Outcome outcome, String sender, String client, String symbol, boolean backscatter) {
        int code = switch (outcome) {
            case REJECTED -> 550;
            case TEMPFAILED -> 451;
            case ABANDONED -> 0;
            default -> 250;
        };
        store.audit().writeNow(List.of(new AuditRecord(Instant.now(), "node1", "s" + System.nanoTime(), client, "", "helo." + client,
                false, sender, List.of("bob@example.com"), List.of(new RefusedRecipient("nobody@example.com", "550 5.1.1 unknown")),
                List.of(new CheckResult("recipients", "continue", ""), new CheckResult("backscatter", code == 550 ? "reject" : "continue",
                        symbol)), "END_OF_DATA", outcome, code, code == 0 ? "" : code + " 2.0.0 decided", 1234, "<a@b>",
                backscatter ? "dsn" : "ordinary", backscatter, OptionalLong.empty())));
    }

    long deliveries() throws IOException {
        if (!Files.isDirectory(maildir)) return 0;
        try (Stream<Path> s = Files.walk(maildir)) {
            return s.filter(p -> p.getParent().getFileName().toString().equals("new") && Files.isRegularFile(p)).count();
        }
    }
}
