package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trend Micro InterScan Messaging Security Suite (InterScan MSS) notices: multipart with boundary
 * "InterScan_NT_MIME_Boundary", From "InterScan MSS"/"InterScan Notification" or subject "Mail could not
 * be delivered". Either the SMTP transcript "Sent &lt;&lt;&lt; RCPT TO:&lt;addr&gt;" / "Received &gt;&gt;&gt; 550 ..."
 * or "Unable to deliver message to &lt;addr&gt; (and other recipients in the same domain)", InterScan's
 * wording when the recipient address cannot be resolved (reason userunknown).
 */
final class TrendMicroParser implements BounceParser {
    private static final String UNABLE = "Unable to deliver message to <";

    @Override
    public String name() {
        return "TrendMicro";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.from.contains("interscan") || h.subject.equals("mail could not be delivered")
                || m.contentTypeParam("boundary").contains("interscan");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), "Content-Type: message/rfc822");
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        for (String line : BounceText.lines(head)) {
            String t = line.strip();
            int u = t.indexOf(UNABLE);
            if (t.startsWith("Sent <<< ")) {
                String cmd = BounceText.commandIn(t);
                if (cmd.equals("RCPT")) {
                    cur = DeliveryStatus.builder().recipient(BounceText.address(t.substring(9))).action("failed").command(cmd);
                    rows.add(cur);
                } else if (cur != null) {
                    cur.command(cmd);
                }
            } else if (t.startsWith("Received >>> ") && cur != null) {
                String reply = t.substring(13).strip();
                cur.diagnostic(reply);
                BounceText.codesFrom(reply, cur);
            } else if (u >= 0 && !listed(rows, BounceText.address(t.substring(u)))) {
                rows.add(DeliveryStatus.builder().recipient(BounceText.address(t.substring(u))).action("failed")
                        .diagnostic(BounceText.sweep(t.substring(u))).reason(Reason.USERUNKNOWN));
            }
        }
        return BounceText.reportAsRead(name(), "", rows, OriginalMessage.NONE);
    }

    /** True when the SMTP transcript already reported on {@code addr} (its reply says more). */
    private static boolean listed(List<DeliveryStatus.Builder> rows, String addr) {
        for (DeliveryStatus.Builder b : rows) {
            if (b.recipient().equalsIgnoreCase(addr)) return true;
        }
        return false;
    }
}
