package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3464 / RFC 6522 delivery status notifications ({@code multipart/report;
 * report-type=delivery-status} with a {@code message/delivery-status} part, and the RFC 6533
 * {@code message/global-delivery-status}), whatever MTA wrote them.
 *
 * <p>Also reads the broken variants common in the wild: delivery-status fields written inline in a
 * text/plain part, recipient blocks without blank lines, {@code Final-Recipient} without a type,
 * {@code X-Actual-Recipient} standing in for an unusable final recipient, and a bounce nested in
 * an attached message. When the per-recipient block has no Diagnostic-Code, the human-readable
 * text before the status is used as the diagnostic for a single recipient.
 */
public final class Rfc3464Parser implements BounceParser {
    private static final int MAX_LEADIN = 1200;

    @Override
    public String name() {
        return "RFC3464";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if (m.hasPart("message/delivery-status") || m.hasPart("message/global-delivery-status")) return true;
        if ("delivery-status".equals(m.contentTypeParam("report-type"))) return true;
        return BounceHints.looksLikeBounce(m);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String text = DsnFields.partText(m);
        boolean inline = text.isEmpty();
        if (inline) text = DsnFields.inlineText(Texts.head(m.body()));
        DsnReport dsn = DsnFields.read(text);
        if (dsn.isEmpty()) return Optional.empty();
        String leadin = leadin(Texts.head(m.body()));
        List<DeliveryStatus> out = new ArrayList<>(dsn.recipients().size());
        for (DsnRecipient r : dsn.recipients()) {
            DeliveryStatus.Builder b = DsnFields.toBuilder(r);
            if (b.diagnostic().isEmpty() && dsn.recipients().size() == 1) b.diagnostic(leadin);
            if (b.command().isEmpty()) b.command(FailedCommand.find(leadin));
            b.status(DsnFields.preferredStatus(b.status(), b.diagnostic()));
            out.add(b.build());
        }
        OriginalMessage original = m.embedded().isEmpty() ? plainOriginal(Texts.head(m.body())) : OriginalMessage.NONE;
        return Optional.of(new BounceReport(name(), dsn.reportingMta(), out, original));
    }

    /** The human-readable text before the delivery status, boilerplate lines dropped, on one line. */
    static String leadin(String body) {
        int end = DsnFields.statusStart(body);
        if (end <= 0) return "";
        return Texts.sweepLines(body.substring(0, end), MAX_LEADIN);
    }

    /** The quoted original of a report that pasted it as text after a blank line, starting at Return-Path. */
    private static OriginalMessage plainOriginal(String body) {
        int i = body.indexOf("\n\nReturn-Path:");
        if (i < 0) return OriginalMessage.NONE;
        int end = body.indexOf("\n\n", i + 2);
        return BounceAnalyzer.fromHeaders(HeaderBlocks.parse(body.substring(i + 2, end < 0 ? body.length() : end + 1)));
    }
}
