package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * fml mailing-list manager refusals (an {@code X-MLServer} header, From {@code list-admin@...}, a
 * Message-ID containing ".FML"): a line naming the list address in angle brackets ("You are not a
 * member of this mailing list &lt;list@example&gt;.") and fml's explanation, with the original after
 * "Original mail as follows:". fml's wording names the reason: non-member posts and spammer rejections
 * are "rejected", loop warnings "systemerror", "Duplicated Message-ID" "notcompliantrfc", "Security
 * alert" "securityerror"; failing that, the subject ("NOT MEMBER article from", "Loop Alert: ") does.
 */
final class FmlParser implements BounceParser {
    private static final String ORIGINAL = "Original mail as follows:";
    private static final Object[][] BODY = {
        {Reason.REJECTED, new String[] {" header may cause mail loop", "NOT MEMBER article from ", "reject mail from ",
            "reject spammers:", "You are not a member of this mailing list"}},
        {Reason.NOTCOMPLIANTRFC, new String[] {"Duplicated Message-ID"}},
        {Reason.SECURITYERROR, new String[] {"Security alert:"}},
        {Reason.SYSTEMERROR, new String[] {" has detected a loop condition so that", "Loop Back Warning:"}},
    };
    private static final Object[][] SUBJECT = {
        {Reason.REJECTED, new String[] {" are not member", "NOT MEMBER article from ", "reject mail ",
            "Spam mail from a spammer is rejected"}},
        {Reason.SYSTEMERROR, new String[] {"fml system error message", "Loop Alert: ", "Loop Back Warning: ",
            "WARNING: UNIX FROM Loop"}},
        {Reason.SECURITYERROR, new String[] {"Security Alert"}},
    };

    @Override
    public String name() {
        return "FML";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.has("x-mlserver") && h.from.contains("-admin@") && h.messageId.contains(".fml");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        RecipientBlocks blocks = new RecipientBlocks();
        for (String line : BounceText.lines(head)) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            int lt = t.indexOf('<');
            int gt = lt < 0 ? -1 : t.indexOf('>', lt);
            String addr = gt > lt ? BounceText.address(t.substring(lt, gt + 1)) : "";
            if (!addr.isEmpty()) {
                blocks.add(DeliveryStatus.builder().recipient(addr).action("failed"), t);
            } else if (!blocks.isEmpty()) {
                blocks.append(t);
            }
        }
        String subject = m.headers().get("Subject");
        for (int i = 0; i < blocks.size(); i++) {
            String diag = blocks.text(i);
            Reason r = match(diag, BODY);
            blocks.row(i).diagnostic(diag).reason(r != null ? r : match(subject, SUBJECT));
        }
        return BounceText.reportAsRead(name(), "", blocks.rows(), BounceText.quotedOriginal(m.body(), ORIGINAL));
    }

    private static Reason match(String text, Object[][] table) {
        for (Object[] row : table) {
            if (BounceText.containsAny(text, (String[]) row[1])) return (Reason) row[0];
        }
        return null;
    }
}
