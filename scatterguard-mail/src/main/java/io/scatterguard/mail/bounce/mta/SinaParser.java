package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * Bounces of Sina's webmail (China), {@code X-Mailer: SinaMail}, sender {@code MAILER-DAEMON@sina.com},
 * with a Chinese (GB2312) explanation followed by qmail-style blocks:
 * <pre>
 * 邮件无法发送到您指定的地址中。
 * &lt;user@sina.com&gt;:
 * (optional reason)
 * --- 附件中的内容是原信件的一份拷贝
 * </pre>
 */
public final class SinaParser implements BounceParser {
    @Override
    public String name() {
        return "Sina";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return NotificationText.mailer(message).contains("sinamail");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        var lines = NotificationText.lines(message);
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("---")) {
                end = i;
                break;
            }
        }
        var found = NotificationText.angleBlocks(lines.subList(0, end), 0, NotificationText.ownAddresses(message));
        return NotificationText.report(name(), message, found);
    }
}
