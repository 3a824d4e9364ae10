package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The "nameserver error report" of sendmail sites that route mail through a CSO/ph directory
 * lookup (phquery; seen at Yale and UC Irvine), subject {@code Returned mail - nameserver error report}:
 * <pre>
 *  --------Message not delivered to the following:
 *
 *  some.name    No matches to nameserver query
 *
 *  --------Error Detail (phquery V4.1):
 *  ...
 *  --------Unsent Message below:
 * </pre>
 * A listed entry may be a bare directory name; its domain is then taken from the quoted original's
 * envelope ("for &lt;some.name@yale.edu&gt;") when it names that local part.
 */
public final class PhQueryParser implements BounceParser {
    private static final String LIST = "message not delivered to the following";
    private static final String END = "--------";
    private static final Pattern COLUMNS = Pattern.compile("\\s{2,}+|\\t");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-]{1,64}+");

    @Override
    public String name() {
        return "PhQuery";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return message.subjectLower().contains("nameserver error report");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        List<String> lines = NotificationText.linesFrom(message, LIST);
        if (lines.isEmpty()) return Optional.empty();
        Set<String> own = NotificationText.ownAddresses(message);
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).replace("=20", " ").strip();
            if (line.startsWith(END)) break;
            if (line.isEmpty()) continue;
            String[] cols = COLUMNS.split(line, 2);
            String addr = resolve(cols[0], message);
            if (addr.isEmpty() || !NotificationText.acceptable(addr, own)) continue;
            found.add(NotificationText.entry(addr, "failed", cols.length > 1 ? cols[1] : detail(lines, i)));
        }
        return NotificationText.report(name(), message, found);
    }

    /** A full address as is; a bare name completed from the original's envelope recipient. */
    private static String resolve(String token, ParsedMessage message) {
        if (token.indexOf('@') > 0) return Addresses.extract(token);
        if (!NAME.matcher(token).matches()) return "";
        String wanted = token.toLowerCase(Locale.ROOT) + "@";
        String body = message.body();
        int at = body.toLowerCase(Locale.ROOT).indexOf("<" + wanted);
        if (at < 0) return "";
        int close = body.indexOf('>', at);
        return close < 0 ? "" : Addresses.extract(body.substring(at, close + 1));
    }

    /** The error-detail line that repeats the entry ("---- user@x" followed by the explanation). */
    private static String detail(List<String> lines, int i) {
        int d = BounceText.findLine(lines, i + 1, "error detail");
        return d < 0 ? "" : BounceText.continuation(lines, d + 1);
    }
}
