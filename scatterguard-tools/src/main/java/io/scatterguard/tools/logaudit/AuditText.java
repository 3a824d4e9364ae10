package io.scatterguard.tools.logaudit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The log audit's report for people: totals, to whom, why, over time, samples, and what to change. */
public final class AuditText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final int WIDTH = 100;
    private static final int BAR = 40;
    private static final int MAX_ROWS = 72;

    private AuditText() {}

    public static void write(AuditReport r, int top, PrintStream out) {
        out.println("Scatterguard log audit");
        inputs(r, out);
        Verdict v = r.verdict();
        out.println();
        out.println("Verdict: " + v.summary() + verdictDetail(r, v));
        out.println();
        kinds(r, out);
        out.println();
        domains(r, top, out);
        reasons(r, top, out);
        histogram(r, out);
        samples(r, out);
        advice(r, out);
    }

    private static void inputs(AuditReport r, PrintStream out) {
        for (AuditReport.InputSummary i : r.inputs()) {
            List<String> parts = new ArrayList<>();
            i.recognised().forEach((m, n) -> parts.add(m.label() + " " + n(n)));
            long other = i.lines() - i.unrecognised() - i.recognised().values().stream().mapToLong(Long::longValue).sum();
            if (other > 0) parts.add("other programs " + n(other));
            if (i.unrecognised() > 0) parts.add("not log lines " + n(i.unrecognised()));
            if (i.cutLines() > 0) parts.add("over-long lines cut " + n(i.cutLines()));
            out.println("  input:   " + i.name() + " (" + n(i.lines()) + " lines" + (parts.isEmpty() ? "" : ": ")
                    + String.join(", ", parts) + ")");
            if (i.problem() != null) out.println("           problem: " + i.problem());
        }
        if (r.first() != null) {
            out.println("  period:  " + MINUTE.format(r.first().atZone(r.zone())) + " – "
                    + MINUTE.format(r.last().atZone(r.zone())) + " (" + r.zone() + ")");
        }
    }

    private static String verdictDetail(AuditReport r, Verdict v) {
        return switch (v) {
            case BACKSCATTER -> ": " + n(r.acceptThenBounce()) + " notice(s) about mail accepted from outside clients, "
                    + n(r.kind(NotificationKind.AUTOREPLY).remote()) + " autoreply(s) to remote addresses.";
            case CLEAN -> r.remoteTotal() > 0 ? " (" + n(r.remoteTotal()) + " notice(s) to remote addresses answer the site's own users)." : ".";
            default -> ".";
        };
    }

    private static void kinds(AuditReport r, PrintStream out) {
        out.printf("%-38s %9s %10s %9s %10s%n", "Notifications sent", "total", "to remote", "local", "elsewhere");
        for (NotificationKind k : NotificationKind.values()) {
            AuditReport.KindCount c = r.kind(k);
            if (c.total() == 0) continue;
            out.printf("  %-36s %9s %10s %9s %10s%n", k.label(), n(c.total()), n(c.remote()), n(c.local()), n(c.elsewhere()));
            if (c.remote() > 0) {
                out.println("      remote ones answer: " + join(c.remoteSources(), s -> switch (s) {
                    case OUTSIDE -> k == NotificationKind.BOUNCE || k == NotificationKind.DELAY_WARNING
                            ? "mail accepted from outside (accept-then-bounce)" : "mail from outside";
                    case OWN_USERS -> "the site's own users";
                    case UNKNOWN -> k == NotificationKind.AUTOREPLY ? "mail the log does not name" : "mail not in the log";
                }));
            }
            if (c.remote() > 0) {
                out.println("      what became of them: " + join(c.remoteOutcomes(), o -> switch (o) {
                    case SENT -> "accepted by the receiver";
                    case BOUNCED -> "refused by the receiver";
                    case DEFERRED -> "still being retried";
                    case EXPIRED -> "expired";
                    case DISCARDED -> "discarded";
                    case UNKNOWN -> "unknown";
                }));
            }
        }
        if (r.kind(NotificationKind.BOUNCE).total() + r.kind(NotificationKind.AUTOREPLY).total()
                + r.kind(NotificationKind.DELAY_WARNING).total() + r.kind(NotificationKind.DOUBLE_BOUNCE).total()
                + r.kind(NotificationKind.DELIVERY_RECEIPT).total() == 0) {
            out.println("  (none)");
        }
        out.println();
        Map<String, Long> stages = r.refusalsByStage();
        out.println("Refused during the SMTP session (the right way): " + n(r.refusals())
                + (stages.isEmpty() ? "" : " — " + stages.entrySet().stream().map(e -> e.getKey() + " " + n(e.getValue()))
                        .collect(Collectors.joining(", ")))
                + (r.unknownUserRefusals() > 0 ? "; unknown recipients " + n(r.unknownUserRefusals()) : ""));
        if (r.autoresponderDeliveries() > 0) {
            out.println("Handed to vacation programs or autoresponders: " + n(r.autoresponderDeliveries()) + " ("
                    + r.autoresponders(3).stream().map(e -> e.key() + " " + n(e.count())).collect(Collectors.joining(", ")) + ")");
        }
    }

    private static void domains(AuditReport r, int top, PrintStream out) {
        List<AuditReport.DomainCount> d = r.topDomains(top);
        if (d.isEmpty()) return;
        out.println("To whom: top recipient domains of notices to remote addresses"
                + (r.domainsApproximate() ? " (counts are lower bounds)" : ""));
        for (AuditReport.DomainCount c : d) out.printf("  %9s  %s%n", n(c.count()), c.domain());
        out.println();
    }

    private static void reasons(AuditReport r, int top, PrintStream out) {
        List<AuditReport.ReasonCount> rs = r.topReasons(top);
        if (rs.isEmpty()) return;
        out.println("Why: what made the original mail fail" + (r.reasonsApproximate() ? " (counts are lower bounds)" : ""));
        for (AuditReport.ReasonCount c : rs) {
            String who = c.nextHop() ? "the next hop said (" + c.agent() + ")" : "decided here (" + c.agent() + ")";
            out.printf("  %9s  %s, %s: %s%s%n", n(c.count()), c.reason().id(), who,
                    c.status().isEmpty() ? "" : c.status() + " ", c.text());
        }
        out.println();
    }

    private static void histogram(AuditReport r, PrintStream out) {
        List<AuditReport.Bucket> hourly = r.hourly();
        if (hourly.isEmpty()) return;
        Instant from = hourly.get(0).start();
        Instant to = hourly.get(hourly.size() - 1).start();
        boolean perHour = Duration.between(from, to).toHours() < MAX_ROWS;
        List<AuditReport.Bucket> rows = perHour ? fill(hourly) : r.daily();
        boolean cut = rows.size() > MAX_ROWS;
        if (cut) rows = rows.subList(rows.size() - MAX_ROWS, rows.size());
        long max = rows.stream().mapToLong(AuditReport.Bucket::total).max().orElse(1);
        out.println("Over time: notices to remote addresses per " + (perHour ? "hour" : "day")
                + (cut ? " (the last " + MAX_ROWS + " shown; --format json has all)" : ""));
        for (AuditReport.Bucket b : rows) {
            ZonedDateTime t = b.start().atZone(r.zone());
            int len = (int) Math.round(BAR * (double) b.total() / Math.max(1, max));
            if (b.total() > 0 && len == 0) len = 1;
            out.printf("  %-16s %s %s%n", perHour ? MINUTE.format(t) : DAY.format(t), "█".repeat(len), n(b.total()));
        }
        out.println();
    }

    /** Hours without notices between the first and the last, so the chart shows quiet hours too. */
    private static List<AuditReport.Bucket> fill(List<AuditReport.Bucket> hourly) {
        List<AuditReport.Bucket> out = new ArrayList<>();
        Instant t = hourly.get(0).start();
        Instant end = hourly.get(hourly.size() - 1).start();
        int i = 0;
        while (!t.isAfter(end)) {
            while (i < hourly.size() && hourly.get(i).start().isBefore(t)) i++;
            if (i < hourly.size() && hourly.get(i).start().equals(t)) out.add(hourly.get(i++));
            else out.add(new AuditReport.Bucket(t, Map.of()));
            t = t.plus(Duration.ofHours(1));
        }
        return out;
    }

    private static void samples(AuditReport r, PrintStream out) {
        List<Notification> all = new ArrayList<>();
        for (NotificationKind k : NotificationKind.values()) all.addAll(r.samples(k));
        if (all.isEmpty()) return;
        out.println("Samples");
        for (Notification n : all) {
            StringBuilder sb = new StringBuilder();
            sb.append("  ").append(SECOND.format(n.time().atZone(r.zone()))).append(' ').append(n.mta().label()).append(' ')
                    .append(n.kind().id()).append(' ').append(n.queueId());
            sb.append(" to ").append(n.recipient().isEmpty() ? "(no delivery seen)" : "<" + n.recipient() + ">");
            sb.append(" (").append(n.destination().id()).append(", ").append(n.outcome().id()).append(')');
            if (!n.originalQueueId().isEmpty()) sb.append(" about ").append(n.originalQueueId());
            if (!n.originalClient().isEmpty()) sb.append(" from ").append(n.originalClient());
            out.println(sb);
            for (Failure f : n.causes()) {
                out.println("      " + f.recipient() + ": " + (f.status().isEmpty() ? "" : f.status() + " ") + f.text());
            }
        }
        out.println();
    }

    private static void advice(AuditReport r, PrintStream out) {
        List<AdviceItem> items = r.advice();
        out.println("What to change");
        int i = 1;
        for (AdviceItem a : items) {
            out.println("  " + i++ + ". " + a.title() + "  [" + a.id() + "]");
            for (String line : wrap(a.text(), WIDTH - 5)) out.println("     " + line);
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    private static <K> String join(Map<K, Long> m, java.util.function.Function<K, String> label) {
        return m.entrySet().stream().map(e -> label.apply(e.getKey()) + " " + n(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
