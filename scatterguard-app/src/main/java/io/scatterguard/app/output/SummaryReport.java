package io.scatterguard.app.output;

import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.classify.Category;
import io.scatterguard.mail.model.Addresses;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What an administrator wants to know about a flooded inbox or a spam trap: how many messages of
 * each kind, how many are backscatter, which systems send the most reports, and which of our
 * addresses the spammers forge most.
 */
public final class SummaryReport {
    private final Map<Category, Long> perCategory = new EnumMap<>(Category.class);
    private final Map<Category, Long> backscatterPerCategory = new EnumMap<>(Category.class);
    private final Map<String, Long> reportingMtas = new HashMap<>();
    private final Map<String, Long> forgedSenders = new HashMap<>();
    private long total;
    private long backscatter;
    private long failed;

    public void add(ScanResult r) {
        total++;
        if (r.failed()) {
            failed++;
            return;
        }
        Analysis a = r.analysis();
        perCategory.merge(a.category(), 1L, Long::sum);
        boolean bs = a.backscatter().backscatter();
        if (bs) {
            backscatter++;
            backscatterPerCategory.merge(a.category(), 1L, Long::sum);
            String forged = forgedSender(a);
            if (!forged.isEmpty()) forgedSenders.merge(forged, 1L, Long::sum);
        }
        a.bounce().map(BounceReport::reportingMta).filter(s -> !s.isBlank())
                .ifPresent(m -> reportingMtas.merge(m.toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
    }

    /** The sender address the report went back to: the original's From or Return-Path, else the outer To. */
    private static String forgedSender(Analysis a) {
        String from = a.bounce().map(b -> Addresses.extract(b.original().from())).orElse("");
        if (from.isEmpty()) from = a.bounce().map(b -> Addresses.extract(b.original().returnPath())).orElse("");
        if (from.isEmpty()) from = Addresses.extract(a.message().headers().get("To"));
        return from.toLowerCase(java.util.Locale.ROOT);
    }

    public void print(PrintStream out) {
        out.printf("%,d message(s) scanned%s%n", total, failed > 0 ? String.format(" (%,d unreadable)", failed) : "");
        out.println();
        out.printf("%-22s %10s %12s%n", "category", "messages", "backscatter");
        for (Category c : Category.values()) {
            long n = perCategory.getOrDefault(c, 0L);
            if (n == 0) continue;
            out.printf("%-22s %,10d %,12d%n", c.id(), n, backscatterPerCategory.getOrDefault(c, 0L));
        }
        out.printf("%-22s %,10d %,12d%n", "total", total - failed, backscatter);
        printTop(out, "Top reporting MTAs", reportingMtas);
        printTop(out, "Top forged senders (backscatter went to)", forgedSenders);
    }

    private static void printTop(PrintStream out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) return;
        out.println();
        out.println(title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .forEach(e -> out.printf("  %,8d  %s%n", e.getValue(), e.getKey()));
    }
}
