package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verizon Wireless gateway bounces. The SMS gateway ({@code post_master@vtext.com}) writes
 * "Error: Invalid user address" / "Error message below:" / the reply / "Message details:" with
 * "RCPT TO: addr"; the MMS gateway ("MMSC NDR Administrator" at {@code @...vzwpix.com}) writes
 * "Message could not be delivered to mobile." / "Error: No valid recipients for this MM" and quotes
 * the original's To after "Original Message:". Both messages state an unknown recipient.
 */
final class VerizonParser implements BounceParser {
    @Override
    public String name() {
        return "Verizon";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        String from = ProviderHints.of(m).from;
        return from.contains("post_master@vtext.com") || (from.contains("sysadmin@") && from.contains("vzwpix.com"));
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = m.body();
        String recipient = "";
        StringBuilder diag = new StringBuilder();
        boolean inError = false;
        boolean inOriginal = false;
        for (String line : BounceText.lines(body)) {
            String t = line.strip();
            if (t.startsWith("RCPT TO:")) recipient = Addresses.extract(t.substring(8));
            else if (inOriginal && t.startsWith("To:") && recipient.isEmpty()) recipient = Addresses.extract(t.substring(3));
            if (t.startsWith("Error: ")) BounceText.appendLine(diag, t.substring(7));
            else if (t.equals("Error message below:")) inError = true;
            else if (t.equals("Message details:")) inError = false;
            else if (t.equals("Original Message:")) inOriginal = true;
            else if (inError && !t.isEmpty()) BounceText.appendLine(diag, t);
        }
        if (recipient.isEmpty()) return Optional.empty();
        String text = BounceText.sweep(diag.toString());
        DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(recipient).action("failed").diagnostic(text)
                .replyCode(BounceText.replyIn(text));
        if (text.contains("Invalid user address") || text.contains("No valid recipients for this MM")) {
            b.reason(Reason.USERUNKNOWN);
        }
        List<DeliveryStatus.Builder> rows = new ArrayList<>(List.of(b));
        return BounceText.reportAsRead(name(), "", rows, OriginalMessage.NONE);
    }
}
