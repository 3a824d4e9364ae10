package io.scatterguard.tools.logaudit;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.model.Addresses;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the audit found, aggregated as the notifications come in — nothing per message is kept
 * beyond a few samples, so the report's size does not grow with the log's.
 */
public final class AuditReport implements AuditSink {
    /** At most this many samples of each kind are kept as evidence. */
    static final int SAMPLES = 3;

    /** One input file and what was read from it. */
    public record InputSummary(String name, long lines, long bytes, long cutLines, Map<Mta, Long> recognised,
            long unrecognised, String problem) {}

    /** Counts for one kind of notification. */
    public static final class KindCount {
        long total;
        long remote;
        long local;
        long elsewhere;
        long acceptThenBounce;
        final EnumMap<Outcome, Long> remoteOutcomes = new EnumMap<>(Outcome.class);
        final EnumMap<OriginalSource, Long> remoteSources = new EnumMap<>(OriginalSource.class);

        public long total() { return total; }
        /** Sent (or being sent) to another server. */
        public long remote() { return remote; }
        /** Delivered to a local mailbox. */
        public long local() { return local; }
        /** Not delivered anywhere, or no delivery line in the log. */
        public long elsewhere() { return elsewhere; }
        public long acceptThenBounce() { return acceptThenBounce; }
        /** What became of the remote ones. */
        public Map<Outcome, Long> remoteOutcomes() { return Collections.unmodifiableMap(remoteOutcomes); }
        /** Where the mail came from that the remote ones answer. */
        public Map<OriginalSource, Long> remoteSources() { return Collections.unmodifiableMap(remoteSources); }
    }

    /** One failure reason and how many notifications to remote addresses it caused. */
    public record ReasonCount(Reason reason, boolean nextHop, String agent, String status, String text, long count) {}

    /** One recipient domain of notifications to remote addresses. */
    public record DomainCount(String domain, long count) {}

    /** Remote notifications per kind in one hour, starting at {@code start}. */
    public record Bucket(Instant start, Map<NotificationKind, Long> counts) {
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ZoneId zone;
    private final List<InputSummary> inputs = new ArrayList<>();
    private final EnumMap<NotificationKind, KindCount> kinds = new EnumMap<>(NotificationKind.class);
    private final TopCounter domains = new TopCounter(5000);
    private final TopCounter reasons = new TopCounter(2000);
    private final TopCounter autoresponders = new TopCounter(200);
    private final ReasonText reasonText = new ReasonText();
    /** Remote bounces per (MTA, reason, decided-by-next-hop, agent): what the advice is built from. */
    private final Map<String, long[]> causeClasses = new TreeMap<>();
    private final TreeMap<Instant, long[]> hours = new TreeMap<>();
    private final EnumMap<NotificationKind, List<Notification>> samples = new EnumMap<>(NotificationKind.class);
    private final Map<String, long[]> refusalsByStage = new TreeMap<>();
    private final Set<Mta> mtas = EnumSet.noneOf(Mta.class);
    private final EnumMap<Mta, long[]> remoteByMta = new EnumMap<>(Mta.class);
    private long refusals;
    private long unknownUserRefusals;
    private long autoresponderDeliveries;
    private long evicted;
    private Instant first;
    private Instant last;

    AuditReport(ZoneId zone) {
        this.zone = zone;
        for (NotificationKind k : NotificationKind.values()) {
            kinds.put(k, new KindCount());
            samples.put(k, new ArrayList<>());
        }
    }

    @Override
    public void notification(Notification n) {
        mtas.add(n.mta());
        KindCount c = kinds.get(n.kind());
        c.total++;
        switch (n.destination()) {
            case REMOTE -> c.remote++;
            case LOCAL -> c.local++;
            default -> c.elsewhere++;
        }
        List<Notification> s = samples.get(n.kind());
        if (s.size() < SAMPLES && (n.remote() || s.isEmpty())) s.add(n);
        else if (n.remote() && !s.isEmpty() && !s.get(0).remote()) s.set(0, n);
        if (!n.remote()) return;
        remoteByMta.computeIfAbsent(n.mta(), m -> new long[NotificationKind.values().length])[n.kind().ordinal()]++;
        c.remoteOutcomes.merge(n.outcome(), 1L, Long::sum);
        c.remoteSources.merge(n.original(), 1L, Long::sum);
        if (n.acceptThenBounce()) c.acceptThenBounce++;
        String domain = Addresses.domain(n.recipient());
        domains.add(domain.isEmpty() ? "(no domain)" : domain);
        Instant hour = n.time().atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        hours.computeIfAbsent(hour, h -> new long[NotificationKind.values().length])[n.kind().ordinal()]++;
        // Why the originals failed: what the advice is about (a double bounce's cause is its bounce's).
        if (n.kind() == NotificationKind.BOUNCE || n.kind() == NotificationKind.DELAY_WARNING) {
            for (Failure f : n.causes()) cause(n.mta(), f);
        }
    }

    private void cause(Mta mta, Failure f) {
        String text = ReasonText.normalise(f.text());
        Reason r = reasonText.classify(f.status(), text);
        String where = f.remote() ? "next-hop" : "here";
        reasons.add(r.id() + '\t' + where + '\t' + f.agent() + '\t' + f.status() + '\t' + text);
        causeClasses.computeIfAbsent(mta.id() + '\t' + r.id() + '\t' + where + '\t' + f.agent(), k -> new long[1])[0]++;
    }

    @Override
    public void refusal(Refusal r) {
        mtas.add(r.mta());
        refusals++;
        if (r.unknownUser()) unknownUserRefusals++;
        refusalsByStage.computeIfAbsent(r.stage(), k -> new long[1])[0]++;
    }

    @Override
    public void autoresponderDelivery(Mta mta, String via) {
        mtas.add(mta);
        autoresponderDeliveries++;
        autoresponders.add(via);
    }

    void input(InputSummary s) {
        inputs.add(s);
        s.recognised().forEach((m, n) -> {
            if (n > 0) mtas.add(m);
        });
    }

    void seen(Instant t) {
        if (t == null) return;
        if (first == null || t.isBefore(first)) first = t;
        if (last == null || t.isAfter(last)) last = t;
    }

    void evicted(long n) {
        evicted += n;
    }

    // ---- what the writers and the advice read ----

    public ZoneId zone() { return zone; }
    public List<InputSummary> inputs() { return List.copyOf(inputs); }
    public Instant first() { return first; }
    public Instant last() { return last; }
    public Set<Mta> mtas() { return Collections.unmodifiableSet(mtas); }
    public KindCount kind(NotificationKind k) { return kinds.get(k); }
    public long refusals() { return refusals; }
    public long unknownUserRefusals() { return unknownUserRefusals; }
    public Map<String, Long> refusalsByStage() {
        Map<String, Long> m = new TreeMap<>();
        refusalsByStage.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }
    public long autoresponderDeliveries() { return autoresponderDeliveries; }
    public List<TopCounter.Entry> autoresponders(int n) { return autoresponders.top(n); }
    public long evicted() { return evicted; }
    public boolean domainsApproximate() { return domains.approximate(); }
    public boolean reasonsApproximate() { return reasons.approximate(); }

    /** Notifications of this kind that this MTA sent to remote addresses. */
    public long remote(Mta mta, NotificationKind k) {
        long[] c = remoteByMta.get(mta);
        return c == null ? 0 : c[k.ordinal()];
    }

    /** All notifications to remote addresses. */
    public long remoteTotal() {
        return kinds.values().stream().mapToLong(KindCount::remote).sum();
    }

    public long acceptThenBounce() {
        return kinds.values().stream().mapToLong(KindCount::acceptThenBounce).sum();
    }

    public long linesRecognised() {
        return inputs.stream().mapToLong(i -> i.recognised().values().stream().mapToLong(Long::longValue).sum()).sum();
    }

    public List<DomainCount> topDomains(int n) {
        return domains.top(n).stream().map(e -> new DomainCount(e.key(), e.count())).toList();
    }

    public List<ReasonCount> topReasons(int n) {
        return reasons.top(n).stream().map(e -> {
            String[] p = e.key().split("\t", 5);
            return new ReasonCount(Reason.of(p[0]), p[1].equals("next-hop"), p[2], p[3], p[4], e.count());
        }).toList();
    }

    /** Remote notifications caused by failures of this reason, decided here or by the next hop, for one MTA. */
    long causes(Mta mta, Reason reason, boolean nextHop) {
        String prefix = mta.id() + '\t' + reason.id() + '\t' + (nextHop ? "next-hop" : "here") + '\t';
        long n = 0;
        for (Map.Entry<String, long[]> e : causeClasses.entrySet()) if (e.getKey().startsWith(prefix)) n += e.getValue()[0];
        return n;
    }

    /** The agents (delivery agents, transports, mailers) that produced failures of this kind. */
    List<String> causeAgents(Mta mta, Reason reason, boolean nextHop) {
        String prefix = mta.id() + '\t' + reason.id() + '\t' + (nextHop ? "next-hop" : "here") + '\t';
        List<String> agents = new ArrayList<>();
        for (String k : causeClasses.keySet()) if (k.startsWith(prefix)) agents.add(k.substring(prefix.length()));
        return agents;
    }

    public List<Notification> samples(NotificationKind k) {
        return List.copyOf(samples.get(k));
    }

    /** Remote notifications per hour, oldest first (hours without any are left out). */
    public List<Bucket> hourly() {
        List<Bucket> out = new ArrayList<>(hours.size());
        hours.forEach((h, c) -> out.add(new Bucket(h, countsOf(c))));
        return out;
    }

    /** Remote notifications per day (in the report's zone), oldest first. */
    public List<Bucket> daily() {
        TreeMap<Instant, long[]> days = new TreeMap<>();
        hours.forEach((h, c) -> {
            Instant day = h.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
            long[] d = days.computeIfAbsent(day, x -> new long[c.length]);
            for (int i = 0; i < c.length; i++) d[i] += c[i];
        });
        List<Bucket> out = new ArrayList<>(days.size());
        days.forEach((d, c) -> out.add(new Bucket(d, countsOf(c))));
        return out;
    }

    private static Map<NotificationKind, Long> countsOf(long[] c) {
        EnumMap<NotificationKind, Long> m = new EnumMap<>(NotificationKind.class);
        for (NotificationKind k : NotificationKind.values()) if (c[k.ordinal()] > 0) m.put(k, c[k.ordinal()]);
        return m;
    }

    /** The overall finding; see {@link Verdict}. */
    public Verdict verdict() {
        if (linesRecognised() == 0) return Verdict.NO_MAIL_LOG;
        if (acceptThenBounce() > 0 || kind(NotificationKind.AUTOREPLY).remote() > 0) return Verdict.BACKSCATTER;
        long unknown = 0;
        for (NotificationKind k : List.of(NotificationKind.BOUNCE, NotificationKind.DELAY_WARNING)) {
            unknown += kinds.get(k).remoteSources.getOrDefault(OriginalSource.UNKNOWN, 0L);
        }
        return unknown > 0 ? Verdict.UNCLEAR : Verdict.CLEAN;
    }

    public List<AdviceItem> advice() {
        return Advice.of(this);
    }
}
