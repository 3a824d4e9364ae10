package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads RFC 3464 per-recipient fields (Final-Recipient, Action, Status, Diagnostic-Code, Remote-MTA)
 * wherever a provider writes them: in a message/delivery-status part or inline in its text part
 * ("Technical report:" in Amazon WorkMail's notices). Continuation lines are unfolded; each
 * Final-Recipient starts a new row.
 */
final class DsnFieldText {
    private DsnFieldText() {}

    /** The Reporting-MTA's name, or "". */
    static String reportingMta(String text) {
        for (String line : ProviderText.lines(text)) {
            if (line.regionMatches(true, 0, "Reporting-MTA:", 0, 14)) return typed(line.substring(14));
        }
        return "";
    }

    /** One builder per Final-Recipient (or Original-Recipient when no Final-Recipient is given). */
    static List<DeliveryStatus.Builder> read(String text) {
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        List<String> fields = unfold(text);
        DeliveryStatus.Builder cur = null;
        for (String f : fields) {
            int colon = f.indexOf(':');
            if (colon <= 0) continue;
            String name = f.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = f.substring(colon + 1).strip();
            switch (name) {
                case "final-recipient" -> {
                    cur = DeliveryStatus.builder().recipient(Addresses.extract(value));
                    rows.add(cur);
                }
                case "original-recipient" -> {
                    if (cur == null) {
                        cur = DeliveryStatus.builder().recipient(Addresses.extract(value));
                        rows.add(cur);
                    }
                }
                case "action" -> { if (cur != null) cur.action(value.toLowerCase(Locale.ROOT).split("\\s")[0]); }
                case "status" -> { if (cur != null) cur.status(ProviderText.statusIn(value)); }
                case "remote-mta" -> { if (cur != null) cur.remoteMta(typed(value)); }
                case "diagnostic-code" -> {
                    if (cur != null) {
                        String d = typed(value);
                        cur.diagnostic(d);
                        cur.replyCode(ProviderText.leadingReply(d));
                    }
                }
                default -> { }
            }
        }
        return rows;
    }

    /** The value after a "type;" prefix such as "dns;" or "smtp;". */
    static String typed(String value) {
        String v = value.strip();
        int semi = v.indexOf(';');
        if (semi > 0 && semi < 12 && v.substring(0, semi).matches("[A-Za-z0-9-]+")) v = v.substring(semi + 1);
        return ProviderText.sweep(v);
    }

    private static List<String> unfold(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : ProviderText.lines(text)) {
            if (line.isEmpty()) {
                if (cur != null) out.add(cur.toString());
                cur = null;
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && cur != null) {
                cur.append(' ').append(line.strip());
                continue;
            }
            if (cur != null) out.add(cur.toString());
            cur = new StringBuilder(line);
        }
        if (cur != null) out.add(cur.toString());
        return out;
    }
}
