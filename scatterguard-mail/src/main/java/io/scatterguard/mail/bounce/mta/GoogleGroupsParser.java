package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Google Groups' refusal to accept a post ("the group you tried to contact (name) may not exist, or
 * you may not have permission to post messages to the group"), sent by
 * {@code mailer-daemon@googlemail.com} as a localised plain-text "Delivery Status Notification".
 *
 * <p>The text is translated into the sender's language, so the parser relies on the structure:
 * the headers {@code X-Failed-Recipients} (the group addresses) and {@code X-Google-Smtp-Source},
 * the body's "Google Groups" signature before "----- Original message -----", and the list of
 * possible causes as "*"-bulleted lines. The full four-item list means the post was refused
 * (reason rejected); a shorter one that it is held (onhold).
 */
final class GoogleGroupsParser implements BounceParser {
    private static final String ORIGINAL = "----- Original message -----";
    private static final Pattern PARAGRAPH = Pattern.compile("\n\\s*\n");

    @Override
    public String name() {
        return "GoogleGroups";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.has("x-failed-recipients") && h.has("x-google-smtp-source")
                && h.from.contains("<mailer-daemon@googlemail.com>")
                && h.subject.contains("delivery status notification");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        if (!BounceText.containsAny(head, "Google Groups", "groups.google.com")
                || head.contains("Delivery to the following recipient")) {
            return Optional.empty();
        }
        int bullets = 0;
        for (String line : BounceText.lines(head)) {
            String t = line.strip();
            if (t.startsWith("*")) bullets++;
        }
        Reason reason = bullets == 4 ? Reason.REJECTED : Reason.ONHOLD;
        String diagnostic = diagnostic(head);
        String rhost = receivedFrom(m.headers().all("Received"));
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        for (String part : m.headers().get("X-Failed-Recipients").split(",")) {
            String addr = Addresses.extract(part);
            if (addr.isEmpty()) continue;
            rows.add(DeliveryStatus.builder().recipient(addr).action("failed").reason(reason)
                    .diagnostic(diagnostic).remoteMta(rhost));
        }
        return BounceText.reportAsRead(name(), "", rows, BounceText.quotedOriginal(m.body(), ORIGINAL));
    }

    /** The first four paragraphs (greeting, explanation, causes), as one line. */
    private static String diagnostic(String head) {
        String[] paragraphs = PARAGRAPH.split(head.strip(), 5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, paragraphs.length - 1); i++) sb.append(paragraphs[i]).append(' ');
        if (paragraphs.length == 1) sb.append(paragraphs[0]);
        return BounceText.sweep(sb.toString());
    }

    /** The host named in "from HOST" of the newest Received header, or "". */
    private static String receivedFrom(List<String> received) {
        if (received.isEmpty()) return "";
        String r = received.get(0).strip();
        if (!r.startsWith("from ")) return "";
        int end = r.indexOf(' ', 5);
        return end < 0 ? r.substring(5) : r.substring(5, end);
    }
}
