package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DragonFly Mail Agent (dma, DragonFly BSD / Debian) bounces: "This is the DragonFly Mail Agent
 * vX at host.", "There was an error delivering your mail to &lt;addr&gt;.", the error ("host [ip] did
 * not like our RCPT TO:" / "final DATA:" / "MAIL FROM:" followed by the reply, "Could not deliver
 * for the last N seconds. Giving up.", "unable to connect"...) and "Message headers follow."
 */
public final class DragonflyParser implements BounceParser {
    private static final String START = "There was an error delivering your mail to ";
    private static final String END = "Message headers follow.";
    private static final Pattern DID_NOT_LIKE = Pattern.compile(
            "^(\\S+)\\s+\\[[^\\]]*\\]\\s+did not like our (?:final )?(RCPT TO|MAIL FROM|DATA|EHLO|HELO|STARTTLS|AUTH)");

    @Override
    public String name() {
        return "DragonFly";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        String s = m.subjectLower();
        return (s.startsWith("mail delivery failed") || s.startsWith("delivery failure"))
                && (m.headers().lower("From").contains("mailer-daemon") || BounceText.body(m).startsWith("This is the DragonFly Mail Agent"));
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        String addr = BounceText.addressAfter(body, START);
        if (addr.isEmpty()) return Optional.empty();
        int i = body.indexOf(START);
        int eol = body.indexOf('\n', i);
        int end = body.indexOf(END, i);
        String text = eol < 0 ? "" : body.substring(eol + 1, end < 0 ? body.length() : end);
        DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(addr).action("failed");
        for (String line : BounceText.lines(text)) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            Matcher d = DID_NOT_LIKE.matcher(t);
            if (d.find()) {
                b.remoteMta(d.group(1));
                String c = d.group(2);
                b.command(c.startsWith("RCPT") ? "RCPT" : c.startsWith("MAIL") ? "MAIL" : c);
                continue;
            }
            b.appendDiagnostic(stripContinuation(t));
        }
        return BounceText.report(name(), "", List.of(b), BounceText.originalAfter(m, END));
    }

    /** "550-5.7.26 text" continuation lines lose their code prefix so that the reply reads as one line. */
    private static String stripContinuation(String t) {
        if (t.length() > 4 && Character.isDigit(t.charAt(0)) && t.charAt(3) == '-') {
            String rest = t.substring(4);
            int sp = rest.indexOf(' ');
            if (sp > 0 && rest.substring(0, sp).matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) rest = rest.substring(sp + 1);
            return rest;
        }
        return t;
    }
}
