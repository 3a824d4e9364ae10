package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Digital Arts m-FILTER ({@code X-Mailer: m-FILTER}, or subject "failure notice" with its body
 * markers): a Japanese
 * preamble, the failed addresses, "-------server message" with the remote reply,
 * "-------SMTP command" with the command, and "-------original message" (or "-------original mail info").
 */
public final class MFilterParser implements BounceParser {
    private static final String END = "-------original m";

    @Override
    public String name() {
        return "MFILTER";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.headers().get("X-Mailer").equals("m-FILTER") || m.subjectLower().startsWith("failure notice");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        if (!BounceText.body(m).contains("-------server message")) return Optional.empty();
        String region = BounceText.region(BounceText.body(m), null, END);
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        String section = "";
        StringBuilder server = new StringBuilder();
        String command = "";
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            if (t.startsWith("-------")) {
                section = t.substring(7).strip();
                continue;
            }
            if (t.isEmpty()) continue;
            if (section.isEmpty()) {
                if (t.indexOf(' ') < 0 && t.indexOf('@') > 0 && !Addresses.extract(t).isEmpty()) {
                    rcpts.add(DeliveryStatus.builder().recipient(Addresses.extract(t)).action("failed"));
                }
            } else if (section.equals("server message")) {
                server.append(server.length() > 0 ? " " : "").append(t);
            } else if (section.equals("SMTP command")) {
                command = t.toUpperCase(java.util.Locale.ROOT);
            }
        }
        String cmd = command.startsWith("RCPT") ? "RCPT" : command.startsWith("MAIL") ? "MAIL" : command;
        for (DeliveryStatus.Builder b : rcpts) b.diagnostic(server.toString()).command(cmd);
        return BounceText.report(name(), "", rcpts, BounceText.originalAfter(m, END));
    }
}
