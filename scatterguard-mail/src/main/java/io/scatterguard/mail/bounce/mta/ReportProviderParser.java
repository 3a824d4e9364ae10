package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A provider or appliance whose bounces are RFC 3464 reports (or carry the RFC 3464 fields inline in
 * their text, as Amazon WorkMail does after "Technical report:"), recognised by a cheap header hint
 * such as {@code X-SES-Outgoing}, {@code X-NAI-Header} or {@code X-Mailer: SurfControl E-mail Filter}.
 * Claiming them here names the provider in the report; the per-recipient fields are read from the
 * delivery-status part, or from the body when the provider writes them inline.
 */
final class ReportProviderParser implements BounceParser {
    private final String name;
    private final Predicate<ParsedMessage> hint;

    ReportProviderParser(String name, Predicate<ParsedMessage> hint) {
        this.name = name;
        this.hint = hint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return hint.test(m);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String text = reportText(m);
        if (text.isEmpty()) return Optional.empty();
        List<DeliveryStatus.Builder> rows = DsnFieldText.read(text);
        for (DeliveryStatus.Builder b : rows) {
            if (b.command().isEmpty()) b.command(ProviderText.commandIn(b.diagnostic()));
            if (b.action().isEmpty() && !b.status().isEmpty()) b.action(actionOf(b.status().charAt(0)));
        }
        return ProviderText.report(name, DsnFieldText.reportingMta(text), rows, OriginalMessage.NONE);
    }

    private static String actionOf(char statusClass) {
        return switch (statusClass) {
            case '2' -> "delivered";
            case '4' -> "delayed";
            default -> "failed";
        };
    }

    /** The delivery-status part's text, else the body when it carries the fields inline, else "". */
    static String reportText(ParsedMessage m) {
        for (Part p : m.parts()) {
            String t = p.mimeType();
            if ((t.equals("message/delivery-status") || t.equals("message/global-delivery-status")) && p.text() != null) {
                return p.text();
            }
        }
        String body = m.body();
        int fr = body.indexOf("\nFinal-Recipient:");
        if (fr < 0) fr = body.indexOf("\nfinal-recipient:");
        if (fr < 0) return "";
        int start = body.lastIndexOf("\n\n", fr);
        int reporting = body.lastIndexOf("\nReporting-MTA:", fr);
        if (reporting > start) start = reporting;
        return body.substring(Math.max(0, start + 1));
    }
}
