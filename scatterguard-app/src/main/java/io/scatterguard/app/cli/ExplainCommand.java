package io.scatterguard.app.cli;

import io.scatterguard.app.output.Explanation;
import io.scatterguard.mail.Analysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code scatterguard explain FILE}: one message in plain words — "where did my bounce come from?". */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one message: what it is, who produced it, who it is about, and whether it answers mail we sent.")
public final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The message file, or - for stdin.")
    String file;

    @Mixin
    OurSideOptions ourSide;

    @Override
    public Integer call() {
        Analysis a;
        io.scatterguard.mail.MessageAnalyzer analyzer;
        try {
            analyzer = ourSide.analyzer();
        } catch (IllegalArgumentException e) {
            System.err.println("scatterguard explain: " + e.getMessage());
            return 2;
        }
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            a = analyzer.analyze(in);
        } catch (IOException e) {
            System.err.println("scatterguard explain: " + ScanCommand.describe(e));
            return 2;
        }
        System.out.print(Explanation.of(file, a));
        return 0;
    }
}
