package io.scatterguard.app.cli;

import io.scatterguard.tools.logaudit.AuditJson;
import io.scatterguard.tools.logaudit.AuditReport;
import io.scatterguard.tools.logaudit.AuditText;
import io.scatterguard.tools.logaudit.LogAudit;
import io.scatterguard.tools.logaudit.LogInput;
import io.scatterguard.tools.logaudit.Networks;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scatterguard logaudit FILE...}: does this server send backscatter? Read its mail logs. */
@Command(name = "logaudit", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 3,
        description = {"Am I a backscatter source? Reads Postfix, Exim and Sendmail logs (plain or gzip, any size) "
                + "and reports the bounces, delay warnings, double bounces and autoreplies this server sent to remote "
                + "addresses: how many, to whom, why, when, and what to change."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no backscatter found", "1:this server sends backscatter (accept-then-bounce, autoreplies to remote senders)",
                "2:inconclusive: no mail log lines, or notices about mail that is not in the logs",
                "3:usage error or unreadable input"})
public final class LogauditCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Log files (/var/log/mail.log, mail.log.1.gz, Exim's mainlog, ...), or - for stdin.")
    List<String> files;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}; docs/logaudit-json.md).")
    String format;

    @Option(names = "--top", defaultValue = "10", description = "How many recipient domains and reasons to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--internal-net", paramLabel = "CIDR",
            description = "A network of this site (like Postfix's mynetworks); repeatable. Loopback and private ranges always are.")
    List<String> internalNets = new ArrayList<>();

    @Option(names = "--year", description = "Year of the first line of syslog files, which carry none (default: from the file's date).")
    Integer year;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of time stamps without offset, and of the report (default: this system's).")
    String timezone;

    @Option(names = "--max-open", defaultValue = "200000",
            description = "Messages followed at once per MTA; bounds memory (default: ${DEFAULT-VALUE}).")
    int maxOpen;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json")) return usage("--format must be text or json, not '" + format + "'");
        if (top < 1) return usage("--top must be at least 1");
        if (maxOpen < 100) return usage("--max-open must be at least 100");
        if (year != null && (year < 1970 || year > 9999)) return usage("--year " + year + " is not a plausible year");
        ZoneId zone;
        Networks networks;
        try {
            zone = timezone == null ? ZoneId.systemDefault() : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return usage("--timezone: unknown zone '" + timezone + "' (e.g. Europe/Berlin, UTC)");
        }
        try {
            networks = Networks.of(internalNets);
        } catch (IllegalArgumentException e) {
            return usage("--internal-net: " + e.getMessage());
        }
        List<LogInput> inputs = new ArrayList<>();
        long stdin = files.stream().filter("-"::equals).count();
        if (stdin > 1) return usage("- (stdin) can be given only once");
        for (String f : files) {
            try {
                inputs.add(f.equals("-") ? LogInput.stream("-", System.in) : LogInput.file(f));
            } catch (IOException e) {
                System.err.println("scatterguard logaudit: " + e.getMessage());
                return 3;
            }
        }
        AuditReport report = LogAudit.run(inputs, new LogAudit.Options(zone, year, networks, maxOpen));
        for (AuditReport.InputSummary s : report.inputs()) {
            if (s.problem() != null) System.err.println("scatterguard logaudit: " + s.problem());
        }
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        if (format.equals("json")) {
            AuditJson.write(report, top, out);
        } else {
            PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
            AuditText.write(report, top, p);
            p.flush();
        }
        out.flush();
        return report.verdict().exitCode();
    }

    private static int usage(String message) {
        System.err.println("scatterguard logaudit: " + message);
        return 3;
    }
}
