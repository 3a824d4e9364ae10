package io.scatterguard.app.output;

import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.classify.Category;
import io.scatterguard.mail.classify.Evidence;
import io.scatterguard.mail.model.Headers;

/** Renders one analysis as a few paragraphs a mail administrator can read without the schema. */
public final class Explanation {
    private Explanation() {}

    public static String of(String path, Analysis a) {
        StringBuilder out = new StringBuilder();
        Headers h = a.message().headers();
        out.append(path).append('\n');
        line(out, "From", h.get("From"));
        line(out, "Subject", h.get("Subject"));
        line(out, "Date", h.get("Date"));
        out.append('\n');
        out.append("What it is: ").append(describe(a.category())).append('\n');
        BounceReport r = a.bounce().orElse(null);
        if (r != null) {
            out.append("Written by: ").append(r.format()).append(" format")
                    .append(r.reportingMta().isBlank() ? "" : ", reporting MTA " + r.reportingMta()).append('\n');
            out.append("Recipients reported on:\n");
            for (DeliveryStatus d : r.recipients()) recipient(out, d);
        }
        OriginalMessage o = r != null ? r.original() : BounceAnalyzer.originalOf(a.message());
        if (!o.isEmpty()) {
            out.append("It is about this message:\n");
            line(out, "  Message-ID", o.messageId());
            line(out, "  From", o.from());
            line(out, "  To", o.to());
            line(out, "  Subject", o.subject());
            line(out, "  Date", o.date());
            if (!o.received().isEmpty()) {
                out.append("  Relays it passed (newest first):\n");
                for (String rcv : o.received()) out.append("    ").append(abbreviate(rcv, 110)).append('\n');
            }
        } else if (a.category() != Category.ORDINARY) {
            out.append("It does not quote the message it answers.\n");
        }
        out.append("\nWhy this category:\n");
        for (Evidence e : a.classification().evidence()) {
            out.append("  ").append(String.format("%-26s", e.symbol())).append(e.detail()).append('\n');
        }
        if (!a.message().notes().isEmpty()) {
            out.append("\nReading notes:\n");
            for (String n : a.message().notes()) out.append("  ").append(n).append('\n');
        }
        return out.toString();
    }

    private static void recipient(StringBuilder out, DeliveryStatus d) {
        out.append("  ").append(d.recipient().isEmpty() ? "(address not given)" : d.recipient()).append(": ")
                .append(d.action().isEmpty() ? "failed" : d.action());
        if (!d.status().isEmpty()) out.append(", status ").append(d.status());
        if (!d.replyCode().isEmpty()) out.append(", reply ").append(d.replyCode());
        out.append(", reason ").append(d.reason().id()).append(d.hardBounce() ? " (hard: retrying will not help)" : " (soft)")
                .append('\n');
        if (!d.remoteMta().isEmpty() || !d.command().isEmpty()) {
            out.append("    refused by ").append(d.remoteMta().isEmpty() ? "the remote server" : d.remoteMta())
                    .append(d.command().isEmpty() ? "" : " after " + d.command()).append('\n');
        }
        if (!d.diagnostic().isEmpty()) out.append("    it said: ").append(abbreviate(d.diagnostic(), 200)).append('\n');
    }

    private static String describe(Category c) {
        return switch (c) {
            case DSN -> "a delivery status notification (bounce or delay warning) written by a mail server";
            case AUTOREPLY -> "an automatic reply (out-of-office, vacation or autoresponder)";
            case VIRUS_NOTICE -> "a virus or content-filter notice sent to the apparent sender";
            case CHALLENGE_RESPONSE -> "a challenge/response request asking the apparent sender to prove they exist";
            case SUBSCRIPTION_CONFIRM -> "a mailing-list subscription confirmation request";
            case FEEDBACK_REPORT -> "a feedback (abuse complaint) report (ARF) — route it to abuse handling";
            case READ_RECEIPT -> "a read receipt (message disposition notification)";
            case ORDINARY -> "an ordinary message, not auto-generated";
        };
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) out.append(name).append(": ").append(abbreviate(value, 120)).append('\n');
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
