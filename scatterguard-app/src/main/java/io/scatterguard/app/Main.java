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
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scatterguard} command line. */
@Command(name = "scatterguard", mixinStandardHelpOptions = true, version = "Scatterguard 0.1.0",
        description = "Ends email backscatter: never cause it, and refuse what others send.",
        subcommands = {DemoCommand.class, ScanCommand.class, ExplainCommand.class, BatvCommand.class, ServeCommand.class,
                MilterCommand.class, PolicyCommand.class, LogauditCommand.class, ProbeCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
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
