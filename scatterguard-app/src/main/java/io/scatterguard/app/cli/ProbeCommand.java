package io.scatterguard.app.cli;

import io.scatterguard.tools.probe.Probe;
import io.scatterguard.tools.probe.ProbeJson;
import io.scatterguard.tools.probe.ProbeResult;
import io.scatterguard.tools.probe.ProbeSettings;
import io.scatterguard.tools.probe.ProbeText;
import io.scatterguard.tools.probe.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scatterguard probe HOST[:PORT]}: is this server a backscatterer? Ask it, without sending any mail. */
@Command(name = "probe", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 3,
        description = {"Is this server a backscatterer? Connects like a sending server, offers MAIL FROM and RCPT TO a "
                + "random recipient that cannot exist (and optionally a known-good one), then RSET and QUIT. It never sends "
                + "DATA: no mail is delivered or bounced. STARTTLS is used when offered, accepting any certificate.",
                "Probe only servers you are responsible for or allowed to test."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:rejects unknown recipients at RCPT (good)", "1:accepts unknown recipients: backscatterer",
                "2:inconclusive: temporary failure (greylisting?) or the probe itself was refused",
                "3:usage error, connection or protocol error"})
public final class ProbeCommand implements Callable<Integer> {
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@\"]+@[^\\s<>@\"]+");

    @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The server (port 25 unless given; [IPv6]:PORT).")
    String target;

    @Option(names = "--domain", description = "The domain whose recipients are tested (default: from the server's greeting).")
    String domain;

    /** The probe's envelope sender: an address, or the null sender. */
    static final class Sender {
        @Option(names = "--from", paramLabel = "ADDRESS", description = "MAIL FROM address (default: probe@this host's name).")
        String from;

        @Option(names = "--null-sender", description = "Use the null sender MAIL FROM:<> (as bounces and address verification do).")
        boolean nullSender;
    }

    @ArgGroup(exclusive = true)
    Sender sender;

    @Option(names = "--valid", paramLabel = "RCPT", description = "A recipient known to exist, tried second for contrast.")
    String valid;

    @Option(names = "--helo", paramLabel = "NAME", description = "Name for EHLO/HELO (default: this host's name).")
    String helo;

    @Option(names = "--no-tls", description = "Do not use STARTTLS even when offered.")
    boolean noTls;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Seconds to wait for the connection (default: ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds to wait for each reply (default: ${DEFAULT-VALUE}).")
    double replyTimeout;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}; docs/probe-json.md).")
    String format;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json")) return usage("--format must be text or json, not '" + format + "'");
        Target t;
        try {
            t = Target.parse(target);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (domain != null && !DOMAIN.matcher(domain).matches()) return usage("--domain '" + domain + "' is not a domain name");
        if (helo != null && !DOMAIN.matcher(helo).matches()) return usage("--helo '" + helo + "' is not a host name");
        if (sender != null && sender.from != null && !ADDRESS.matcher(sender.from).matches()) {
            return usage("--from '" + sender.from + "' is not an address like probe@example.net (no angle brackets)");
        }
        if (valid != null && !ADDRESS.matcher(valid).matches()) {
            return usage("--valid '" + valid + "' is not an address like postmaster@example.com (no angle brackets)");
        }
        if (!(connectTimeout > 0 && connectTimeout <= 600) || !(replyTimeout > 0 && replyTimeout <= 3600)) {
            return usage("timeouts must be positive (at most 600 s to connect, 3600 s per reply)");
        }
        ProbeSettings s = ProbeSettings.defaults(t).withTls(!noTls)
                .withTimeouts(Duration.ofMillis((long) (connectTimeout * 1000)), Duration.ofMillis((long) (replyTimeout * 1000)));
        if (domain != null) s = s.withDomain(domain.toLowerCase(Locale.ROOT));
        if (sender != null && sender.nullSender) s = s.withSender("");
        if (sender != null && sender.from != null) s = s.withSender(sender.from);
        if (valid != null) s = s.withValidRecipient(valid);
        if (helo != null) s = s.withHeloName(helo);
        ProbeResult r = Probe.run(s);
        if (format.equals("json")) {
            ProbeJson.write(r, System.out);
        } else {
            PrintStream p = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            ProbeText.write(r, p);
            p.flush();
        }
        return r.verdict().exitCode();
    }

    private static int usage(String message) {
        System.err.println("scatterguard probe: " + message);
        return 3;
    }
}
