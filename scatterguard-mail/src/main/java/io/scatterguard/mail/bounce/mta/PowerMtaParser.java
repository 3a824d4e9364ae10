package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.DsnFields;
import io.scatterguard.mail.bounce.rfc.DsnRecipient;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerMTA (Port25 / SparkPost) delivery status notifications: an RFC 3464 report whose
 * per-recipient blocks carry {@code X-PowerMTA-BounceCategory} (bad-mailbox, quota-issues,
 * spam-related, policy-related, routing-errors, ...). The category is PowerMTA's own
 * classification of the remote reply and is kept as the reason.
 */
public final class PowerMtaParser implements BounceParser {
    private static final Pattern CATEGORY = Pattern.compile("(?im)^X-PowerMTA-BounceCategory:\\s*(\\S+)");
    private static final Map<String, Reason> CATEGORIES = Map.ofEntries(
            Map.entry("bad-domain", Reason.HOSTUNKNOWN),
            Map.entry("bad-mailbox", Reason.USERUNKNOWN),
            Map.entry("inactive-mailbox", Reason.SUSPEND),
            Map.entry("message-expired", Reason.EXPIRED),
            Map.entry("no-answer-from-host", Reason.NETWORKERROR),
            Map.entry("policy-related", Reason.POLICYVIOLATION),
            Map.entry("quota-issues", Reason.MAILBOXFULL),
            Map.entry("routing-errors", Reason.SYSTEMERROR),
            Map.entry("spam-related", Reason.SPAMDETECTED));

    @Override
    public String name() {
        return "PowerMTA";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return BounceText.statusPartContains(m, "X-PowerMTA-BounceCategory");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String text = DsnFields.partText(m);
        DsnReport dsn = DsnFields.read(text);
        List<String> categories = new ArrayList<>();
        Matcher c = CATEGORY.matcher(text);
        while (c.find()) categories.add(c.group(1).toLowerCase(Locale.ROOT));
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        List<DsnRecipient> list = dsn.recipients();
        for (int i = 0; i < list.size(); i++) {
            DeliveryStatus.Builder b = DsnFields.toBuilder(list.get(i));
            String cat = i < categories.size() ? categories.get(i) : categories.isEmpty() ? "" : categories.get(0);
            Reason r = CATEGORIES.get(cat);
            if (r != null) b.reason(r);
            rcpts.add(b);
        }
        return BounceText.report(name(), dsn.reportingMta(), rcpts, io.scatterguard.mail.bounce.OriginalMessage.NONE);
    }
}
