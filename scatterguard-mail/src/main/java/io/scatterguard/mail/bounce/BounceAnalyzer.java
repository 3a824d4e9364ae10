package io.scatterguard.mail.bounce;

import io.scatterguard.mail.bounce.reason.ReasonResolver;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.EmbeddedMessage;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the bounce parsers in registry order and normalises what the winner found: every
 * recipient gets a status, reply code, reason and hard/soft flag from the {@link ReasonResolver},
 * and the report gets the quoted original's headers if the parser did not set them.
 */
public final class BounceAnalyzer {
    private final List<BounceParser> parsers;
    private final ReasonResolver resolver = new ReasonResolver();

    public BounceAnalyzer() {
        this(BounceParsers.defaults());
    }

    public BounceAnalyzer(List<BounceParser> parsers) {
        this.parsers = List.copyOf(parsers);
    }

    public List<BounceParser> parsers() {
        return parsers;
    }

    public Optional<BounceReport> analyze(ParsedMessage message) {
        for (BounceParser parser : parsers) {
            if (!parser.appliesTo(message)) continue;
            Optional<BounceReport> report;
            try {
                report = parser.parse(message);
            } catch (RuntimeException e) {
                // A parser bug must not lose the message: the next parser (or the fallback) gets it.
                continue;
            }
            if (report.isPresent() && !report.get().recipients().isEmpty()) {
                return Optional.of(normalise(report.get(), message));
            }
        }
        return Optional.empty();
    }

    private BounceReport normalise(BounceReport report, ParsedMessage message) {
        List<DeliveryStatus> resolved = new ArrayList<>(report.recipients().size());
        for (DeliveryStatus d : report.recipients()) {
            resolved.add(resolver.resolve(d, message));
        }
        OriginalMessage original = report.original() == null || report.original().isEmpty()
                ? originalOf(message) : report.original();
        String reporting = report.reportingMta() == null || report.reportingMta().isBlank()
                ? reportingHostOf(message) : report.reportingMta();
        return new BounceReport(report.format(), reporting, resolved, original);
    }

    /**
     * For formats that do not name their MTA: the host in the notice's own sender address
     * (MAILER-DAEMON@host) or, failing that, in its Message-ID — both written by the reporting MTA.
     */
    static String reportingHostOf(ParsedMessage message) {
        String from = Addresses.extract(message.headers().get("From"));
        String host = Addresses.domain(from);
        if (host.isEmpty()) host = Addresses.domain(Addresses.extract(message.headers().get("Message-ID")));
        return host;
    }

    /** The quoted original's headers from the first message/rfc822 or text/rfc822-headers part. */
    public static OriginalMessage originalOf(ParsedMessage message) {
        for (EmbeddedMessage e : message.embedded()) {
            Headers h = e.headers();
            if (h.isEmpty()) continue;
            return fromHeaders(h);
        }
        return OriginalMessage.NONE;
    }

    public static OriginalMessage fromHeaders(Headers h) {
        return new OriginalMessage(h.get("Message-ID"), h.get("From"), h.get("To"), h.get("Subject"),
                h.get("Date"), h.get("Return-Path"), h.all("Received"));
    }
}
