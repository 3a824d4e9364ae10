package io.scatterguard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.app.Main;
import io.scatterguard.console.Console;
import io.scatterguard.console.ConsoleSettings;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's accounts from the command line, against the store the configuration names. */
class UserCommandTest {
    @TempDir
    Path dir;

    record Run(int rc, String out, String err) {}

    private Run run(String stdin, String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int rc = Main.commandLine().execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
    }

    @Test
    void addListTokenDelete() throws Exception {
        Path config = Files.writeString(dir.resolve("sg.yaml"), "data-dir: " + dir.resolve("data") + "\n");
        String c = config.toString();
        Run add = run("a long enough password\n", "user", "add", "Alice", "--password-stdin", "-c", c);
        assertThat(add.rc()).as(add.err()).isZero();
        assertThat(add.out()).contains("user alice added");
        assertThat(run("another password\n", "user", "add", "alice", "--password-stdin", "-c", c).err()).contains("exists already");
        Run shortPw = run("short\n", "user", "add", "bob", "--password-stdin", "-c", c);
        assertThat(shortPw.rc()).isEqualTo(1);
        assertThat(shortPw.err()).contains("at least 10 characters");
        assertThat(run("", "user", "add", "bob", "--password-stdin", "-c", c).err()).contains("no password on standard input");

        Run token = run("", "user", "token", "alice", "--name", "ci", "-c", c);
        assertThat(token.rc()).as(token.err()).isZero();
        String t = token.out().strip();
        assertThat(t).matches("sg_[A-Za-z0-9_-]{43}");
        assertThat(token.err()).contains("shown only now");
        assertThat(run("", "user", "token", "nobody", "-c", c).rc()).isEqualTo(1);

        Run list = run("", "user", "list", "-c", c);
        assertThat(list.out()).contains("alice").contains("enabled").contains("ci").doesNotContain(t);

        // what the commands made works in the console
        try (Store store = Store.open(StoreSettings.embedded(dir.resolve("data")));
                Console console = Console.builder(ConsoleSettings.loopback(0), store).start()) {
            assertThat(Credentials.verifyPassword("a long enough password".toCharArray(),
                    store.users().find("alice").orElseThrow().passwordHash())).isTrue();
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console.uri() + "api/me"))
                    .header("Authorization", "Bearer " + t).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.body()).isEqualTo("{\"username\":\"alice\",\"via\":\"token\"}");
        }

        assertThat(run("", "user", "delete", "alice", "-c", c).out()).contains("user alice deleted");
        assertThat(run("", "user", "delete", "alice", "-c", c).rc()).isEqualTo(1);
        assertThat(run("", "user", "list", "-c", c).out()).contains("no users");
    }

    @Test
    void aBrokenConfigurationIsAClearError() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "data-dri: x\n");
        Run r = run("", "user", "list", "-c", config.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'data-dri'; did you mean 'data-dir'?");
        Run none = run("", "user", "add", "x", "-c", dir.resolve("missing.yaml").toString());
        assertThat(none.rc()).isEqualTo(2);
        assertThat(none.err()).contains("no such file");
    }

    @Test
    void hashPasswordPrintsALineTheRelayListenerAccepts() throws Exception {
        Run r = run("the relay password\n", "user", "hash-password", "carol", "--password-stdin");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("carol:$argon2id$");
        Path users = Files.writeString(dir.resolve("relay-users"), r.out());
        io.scatterguard.gateway.core.RelayUsers loaded = io.scatterguard.gateway.core.RelayUsers.load(users, false);
        assertThat(loaded.verify("Carol", "the relay password".toCharArray())).isTrue();
        assertThat(loaded.verify("carol", "the relay passwore".toCharArray())).isFalse();
        assertThat(loaded.verify("dave", "the relay password".toCharArray())).isFalse();
        assertThat(run("short\n", "user", "hash-password", "carol", "--password-stdin").rc()).isEqualTo(1);
        assertThat(run("the relay password\n", "user", "hash-password", "a:b", "--password-stdin").rc()).isEqualTo(2);
    }
}
