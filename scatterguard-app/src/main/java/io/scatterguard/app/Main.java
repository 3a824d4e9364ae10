package io.scatterguard.app;

import io.scatterguard.app.cli.BatvCommand;
import io.scatterguard.app.cli.DemoCommand;
import io.scatterguard.app.cli.ServeCommand;
import io.scatterguard.app.cli.ExplainCommand;
import io.scatterguard.app.cli.LogauditCommand;
import io.scatterguard.app.cli.MilterCommand;
import io.scatterguard.app.cli.PolicyCommand;
import io.scatterguard.app.cli.ProbeCommand;
import io.scatterguard.app.cli.ScanCommand;
import io.scatterguard.app.cli.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scatterguard} command line. */
@Command(name = "scatterguard", mixinStandardHelpOptions = true, version = "Scatterguard 0.1.0",
        description = "Ends email backscatter: never cause it, and refuse what others send.",
        subcommands = {DemoCommand.class, ScanCommand.class, ExplainCommand.class, BatvCommand.class, ServeCommand.class,
                MilterCommand.class, PolicyCommand.class, UserCommand.class, LogauditCommand.class, ProbeCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Jetty, Javalin, HikariCP and Flyway announce every start at INFO; the gateway's own log says what matters. */
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream.of("org.eclipse.jetty",
            "io.javalin", "com.zaxxer.hikari", "org.flywaydb").map(java.util.logging.Logger::getLogger).toList();

    public static void main(String[] args) {
        for (java.util.logging.Logger l : QUIET) l.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
