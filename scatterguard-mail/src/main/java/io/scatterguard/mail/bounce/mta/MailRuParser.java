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
 * Mail.Ru bounces: Exim text (see {@link EximStyleText}) preceded by a Russian notice ("Это письмо
 * создано автоматически сервером Mail.Ru"), from {@code mailer-daemon@...mail.ru} with an Exim
 * Message-ID ending in {@code .mail.ru>} or {@code smailru.net>}. A refusal by the local scanning code
 * ("Local mailbox a@b is unavailable: user not found") names the recipient only in its error text; when
 * no address is found at all the {@code X-Failed-Recipients} header names the recipients.
 */
final class MailRuParser implements BounceParser {
    @Override
    public String name() {
        return "MailRu";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        String from = h.from;
        String id = h.messageId;
        boolean fromMailRu = from.contains("mailer-daemon@") && from.contains("mail.ru");
        return fromMailRu || id.endsWith(".mail.ru>") || id.endsWith("smailru.net>");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        List<DeliveryStatus.Builder> rows = new ArrayList<>(EximStyleText.read(m.body()));
        if (rows.isEmpty()) rows.addAll(EximStyleText.readScanRejection(m.body()));
        if (rows.isEmpty()) {
            for (String p : m.headers().get("X-Failed-Recipients").split(",")) {
                String a = Addresses.extract(p);
                if (!a.isEmpty()) rows.add(DeliveryStatus.builder().recipient(a).action("failed"));
            }
        }
        return BounceText.reportAsRead(name(), "", rows, BounceText.quotedOriginal(m.body(), EximStyleText.ORIGINAL));
    }
}
