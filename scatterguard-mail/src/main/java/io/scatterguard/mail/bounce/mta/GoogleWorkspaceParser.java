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
 * Google Workspace / Gmail notices about failures on Google's own side (no RFC 3464 recipient fields):
 * a "** Message not delivered **" (or "** Address not found **", "** Message blocked **") heading, an
 * explanation such as the misconfigured "Send mail as" alias, and "The response was:" /
 * "The response from the remote server was:" with the error. The recipient comes from
 * {@code X-Failed-Recipients}, else the quoted original's To. Bounces that do carry
 * Final-Recipient/Diagnostic-Code fields are left to the RFC 3464 parser.
 */
final class GoogleWorkspaceParser implements BounceParser {
    private static final String[] RESPONSE = {"The response was:", "The response from the remote server was:"};

    @Override
    public String name() {
        return "GoogleWorkspace";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.from.contains("<mailer-daemon@googlemail.com>") && h.subject.contains("delivery status notification");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = m.body();
        if (body.contains("\nDiagnostic-Code:") || body.contains("\nFinal-Recipient:")) return Optional.empty();
        StringBuilder text = new StringBuilder();
        boolean reading = false;
        for (String line : BounceText.lines(body)) {
            if (!reading) {
                if (line.startsWith("** ") && line.strip().endsWith("**")) {
                    reading = true;
                    BounceText.appendLine(text, line);
                }
                continue;
            }
            if (line.startsWith("Content-Type:")) break;
            BounceText.appendLine(text, line);
        }
        if (!reading) return Optional.empty();
        String diag = BounceText.sweep(text.toString());
        String response = diag;
        for (String r : RESPONSE) {
            int i = diag.indexOf(r);
            if (i >= 0) response = diag.substring(i + r.length()).strip();
        }
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        for (String addr : recipients(m)) {
            DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(addr).action("failed").diagnostic(diag);
            BounceText.codesFrom(response, b);
            if (diag.contains("because the address couldn't be found")) b.reason(Reason.USERUNKNOWN);
            rows.add(b);
        }
        return BounceText.reportAsRead(name(), "", rows, OriginalMessage.NONE);
    }

    private static List<String> recipients(ParsedMessage m) {
        List<String> out = new ArrayList<>();
        for (String p : m.headers().get("X-Failed-Recipients").split(",")) {
            String a = Addresses.extract(p);
            if (!a.isEmpty()) out.add(a);
        }
        if (out.isEmpty() && m.original().isPresent()) {
            String a = Addresses.extract(m.original().get().headers().get("To"));
            if (!a.isEmpty()) out.add(a);
        }
        return out;
    }
}
