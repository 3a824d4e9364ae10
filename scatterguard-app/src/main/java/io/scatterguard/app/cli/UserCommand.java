package io.scatterguard.app.cli;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.store.ApiToken;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreException;
import io.scatterguard.store.User;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scatterguard user add|list|delete|token}: the web console's accounts, in the store the
 * configuration names. Passwords are hashed (Argon2id) before they reach the store; an API token is
 * shown once and stored only as a hash.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the web console's users and API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Delete.class, UserCommand.Token.class,
                UserCommand.HashPassword.class})
public final class UserCommand implements Runnable {
    static final int MIN_PASSWORD = 10;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** The first line of standard input, if long enough; else a message and empty. */
    static Optional<char[]> fromStdin(PrintStream err, String command) throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            err.println("scatterguard " + command + ": no password on standard input");
            return Optional.empty();
        }
        return checked(line.toCharArray(), err, command);
    }

    /** Asked twice on the terminal, if there is one and both agree and it is long enough; else a message and empty. */
    static Optional<char[]> fromTerminal(PrintStream err, String command, String name) {
        Console console = System.console();
        if (console == null) {
            err.println("scatterguard " + command + ": no terminal to ask for the password; give it on standard input with "
                    + "--password-stdin");
            return Optional.empty();
        }
        char[] first = console.readPassword("Password for %s: ", name);
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            err.println("scatterguard " + command + ": the two passwords differ; nothing was changed");
            return Optional.empty();
        }
        Arrays.fill(second, '\0');
        return checked(first, err, command);
    }

    private static Optional<char[]> checked(char[] pw, PrintStream err, String command) {
        if (pw.length < MIN_PASSWORD) {
            err.println("scatterguard " + command + ": the password must have at least " + MIN_PASSWORD + " characters");
            return Optional.empty();
        }
        return Optional.of(pw);
    }

    /** {@code scatterguard user hash-password NAME}: a line for relay.users-file. */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = "Print a NAME:HASH line (Argon2id) for relay.users-file: a user who may send through the relay "
                    + "listener after SMTP AUTH. Nothing is stored.")
    static final class HashPassword implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user name the mail client will give.")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
                + "instead of asking on the terminal.")
        boolean passwordStdin;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() throws IOException {
            String n = name.strip();
            if (n.isEmpty() || n.contains(":") || n.chars().anyMatch(Character::isWhitespace)) {
                err.println("scatterguard user hash-password: a name without spaces or colons is needed");
                return 2;
            }
            Optional<char[]> pw = passwordStdin ? fromStdin(err, "user hash-password") : fromTerminal(err, "user hash-password", n);
            if (pw.isEmpty()) return 1;
            try {
                out.println(n + ":" + Credentials.hashPassword(pw.get()));
                return 0;
            } finally {
                Arrays.fill(pw.get(), '\0');
            }
        }
    }

    /** Opens the configured store; answers 2 for an unusable configuration, 1 when the store cannot be opened. */
    abstract static class WithStore implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
                description = "The gateway's YAML configuration: the users live in its store.")
        Path config;

        PrintStream out = System.out;
        PrintStream err = System.err;

        abstract int run(Store store) throws IOException;

        @Override
        public Integer call() throws IOException {
            Config c;
            try {
                c = Config.load(config);
            } catch (ConfigException e) {
                err.println("scatterguard user: the configuration cannot be used:");
                for (String p : e.problems()) err.println("  " + p);
                return 2;
            }
            try (Store store = Store.open(GatewayFactory.storeSettings(c))) {
                return run(store);
            } catch (StoreException e) {
                err.println("scatterguard user: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user who may sign in to the console.")
    static final class Add extends WithStore {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user name (compared without case).")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
                + "instead of asking on the terminal.")
        boolean passwordStdin;

        @Override
        int run(Store store) throws IOException {
            if (store.users().find(name).isPresent()) {
                err.println("scatterguard user add: user '" + name.strip().toLowerCase(java.util.Locale.ROOT) + "' exists already");
                return 1;
            }
            Optional<char[]> pw = passwordStdin ? fromStdin(err, "user add") : fromTerminal(err, "user add", name);
            if (pw.isEmpty()) return 1;
            try {
                User u = store.users().create(name, Credentials.hashPassword(pw.get()));
                out.println("user " + u.username() + " added; sign in to the console with it");
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("scatterguard user add: " + e.getMessage());
                return 1;
            } finally {
                Arrays.fill(pw.get(), '\0');
            }
        }

    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the console's users and their API tokens.")
    static final class ListUsers extends WithStore {
        @Override
        int run(Store store) {
            List<User> users = store.users().list();
            if (users.isEmpty()) {
                out.println("no users; add one with: scatterguard user add NAME --config " + config);
                return 0;
            }
            out.printf("%-24s %-20s %-9s %s%n", "USER", "CREATED (UTC)", "STATE", "API TOKENS");
            for (User u : users) {
                List<ApiToken> tokens = store.users().tokens(u.id());
                out.printf("%-24s %-20s %-9s %s%n", u.username(), u.createdAt().toString().substring(0, 19).replace('T', ' '),
                        u.disabled() ? "disabled" : "enabled", tokens.isEmpty() ? "-" : String.join(", ",
                                tokens.stream().map(t -> t.name() + t.expiresAt().map(e -> " (until " + e.toString()
                                        .substring(0, 10) + ")").orElse("")).toList()));
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user and its API tokens.")
    static final class Delete extends WithStore {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(Store store) {
            Optional<User> u = store.users().find(name);
            if (u.isEmpty() || !store.users().delete(u.get().id())) {
                err.println("scatterguard user delete: no user '" + name + "'");
                return 1;
            }
            out.println("user " + u.get().username() + " deleted with its API tokens; its console sessions end at their next request");
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Make an API token for a user (for scripts: Authorization: Bearer TOKEN). It is printed once.")
    static final class Token extends WithStore {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--name", paramLabel = "LABEL", defaultValue = "cli", description = "What the token is for (default: ${DEFAULT-VALUE}).")
        String label;

        @Option(names = "--expires-days", paramLabel = "DAYS", description = "Days until the token stops working (default: never).")
        Integer days;

        @Override
        int run(Store store) {
            Optional<User> u = store.users().find(name);
            if (u.isEmpty()) {
                err.println("scatterguard user token: no user '" + name + "'; add it first with: scatterguard user add " + name);
                return 1;
            }
            if (days != null && (days < 1 || days > 3650)) {
                err.println("scatterguard user token: --expires-days must be between 1 and 3650");
                return 1;
            }
            String token = Credentials.newApiToken();
            Instant expires = days == null ? null : Instant.now().plus(Duration.ofDays(days));
            store.users().addToken(u.get().id(), label, Credentials.hashToken(token), expires);
            err.println("API token '" + label + "' for " + u.get().username() + (expires == null ? "" : ", valid until " + expires)
                    + ". It is shown only now:");
            out.println(token);
            return 0;
        }
    }
}
