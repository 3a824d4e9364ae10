package io.scatterguard.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirDeliveryTest {
    @TempDir
    Path root;

    @Test
    void deliversOneCopyPerRecipientIntoNew() throws IOException {
        MaildirDelivery d = new MaildirDelivery(root, "mx.test");
        byte[] msg = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        List<Path> files = d.deliver(msg, List.of("alice@Example.COM", "bob@example.com"));
        assertThat(files).hasSize(2).allSatisfy(f -> {
            assertThat(f.getParent().getFileName().toString()).isEqualTo("new");
            assertThat(Files.readAllBytes(f)).isEqualTo(msg);
        });
        assertThat(files.get(0)).startsWith(root.resolve("example.com/alice"));
        try (Stream<Path> tmp = Files.list(root.resolve("example.com/alice/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void addressesCannotEscapeTheRoot() {
        MaildirDelivery d = new MaildirDelivery(root, "mx.test");
        Path evil = d.mailbox("../../etc/passwd@..").normalize();
        assertThat(evil.startsWith(root) && !evil.equals(root)).as(evil.toString()).isTrue();
        assertThat(d.mailbox("a/b@example.com")).isEqualTo(root.resolve("example.com/a_b"));
    }

    @Test
    void allOrNothingWhenARecipientFails() throws IOException {
        MaildirDelivery d = new MaildirDelivery(root, "mx.test");
        Files.createDirectories(root.resolve("example.com"));
        Files.writeString(root.resolve("example.com/blocked"), "a file where a mailbox should be");
        assertThatThrownBy(() -> d.deliver("x\r\n".getBytes(StandardCharsets.US_ASCII),
                List.of("ok@example.com", "blocked@example.com"))).isInstanceOf(IOException.class);
        try (Stream<Path> delivered = Files.list(root.resolve("example.com/ok/new"))) {
            assertThat(delivered).isEmpty();
        }
    }
}
