package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lawrence Livermore National Laboratory's directory-lookup bounce (sendmail with the
 * "LLNL-3.0" rule set), subject {@code FAILED MAIL to "name" regarding "..."}:
 * <pre>
 * The address to which your message was addressed, user@llnl.gov, did not exactly match an
 * LLNL email address.
 * The following locator information may be of help ...   other.person@llnl.gov
 * </pre>
 * Only the address named in the first sentence failed; the locator suggestions are other people.
 */
public final class LlnlParser implements BounceParser {
    private static final Pattern ADDRESSED = Pattern.compile(
            "address\\s++to\\s++which\\s++your\\s++message\\s++was\\s++addressed,\\s++([^\\s,]{1,200}+),\\s++did\\s++not\\s++exactly\\s++match");

    @Override
    public String name() {
        return "LLNL";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return message.subjectLower().startsWith("failed mail to ");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        String text = NotificationText.notification(message);
        Matcher m = ADDRESSED.matcher(text);
        if (!m.find()) return Optional.empty();
        String addr = Addresses.extract(m.group(1));
        if (addr.isEmpty()) return Optional.empty();
        int end = text.indexOf('.', m.end());
        String diag = text.substring(m.start(), end < 0 ? m.end() : end + 1);
        List<DeliveryStatus.Builder> found = List.of(NotificationText.entry(addr, "failed", diag));
        return NotificationText.report(name(), message, found);
    }
}
