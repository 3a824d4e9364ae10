package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.DsnFields;
import io.scatterguard.mail.bounce.rfc.DsnRecipient;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A provider or appliance whose bounces are RFC 3464 reports (or carry the RFC 3464 fields inline in
 * their text, as Amazon WorkMail does after "Technical report:"), recognised by a cheap header hint
 * such as {@code X-SES-Outgoing}, {@code X-NAI-Header} or {@code X-Mailer: SurfControl E-mail Filter}.
 * Claiming them here names the provider in the report. The per-recipient fields are read with the
 * shared RFC 3464 field reader; the provider's own text before the status fields is used as the
 * diagnostic when a lone recipient has none, and for the failed SMTP command when the fields do not name it.
 */
final class ReportProviderParser implements BounceParser {
    private static final int MAX_LEADIN = 1200;

    private final String name;
    private final Predicate<ParsedMessage> hint;
    private final Consumer<DeliveryStatus.Builder> refine;

    ReportProviderParser(String name, Predicate<ParsedMessage> hint) {
        this(name, hint, b -> { });
    }

    /** With a provider-specific step that corrects a row from what the provider's text adds. */
    ReportProviderParser(String name, Predicate<ParsedMessage> hint, Consumer<DeliveryStatus.Builder> refine) {
        this.name = name;
        this.hint = hint;
        this.refine = refine;
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
        String text = DsnFields.partText(m);
        if (text.isEmpty()) text = DsnFields.inlineText(m.body());
        DsnReport dsn = DsnFields.read(text);
        if (dsn.isEmpty()) return Optional.empty();
        String leadin = leadin(m.body());
        List<DeliveryStatus.Builder> rows = new ArrayList<>(dsn.recipients().size());
        for (DsnRecipient r : dsn.recipients()) {
            DeliveryStatus.Builder b = DsnFields.toBuilder(r);
            if (b.diagnostic().isEmpty() && dsn.recipients().size() == 1) b.diagnostic(leadin);
            if (b.command().isEmpty()) b.command(FailedCommand.find(leadin));
            b.replyCode(BounceText.leadingReply(b.diagnostic()));
            if (b.action().equals("expired")) {
                // Some ESPs (SendGrid) write the non-standard "Action: expired" for a message they gave up on.
                b.action("failed").reason(Reason.EXPIRED);
            }
            if (b.action().isEmpty() && !b.status().isEmpty()) b.action(actionOf(b.status().charAt(0)));
            refine.accept(b);
            rows.add(b);
        }
        return BounceText.reportAsRead(name, dsn.reportingMta(), rows, OriginalMessage.NONE);
    }

    /** The provider's own text before the status fields, on one line. */
    private static String leadin(String body) {
        int end = DsnFields.statusStart(body);
        return end <= 0 ? "" : Texts.sweepLines(body.substring(0, end), MAX_LEADIN);
    }

    private static String actionOf(char statusClass) {
        return switch (statusClass) {
            case '2' -> "delivered";
            case '4' -> "delayed";
            default -> "failed";
        };
    }
}
