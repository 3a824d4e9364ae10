package io.scatterguard.tools.logaudit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * "Am I a backscatter source?" — reads MTA logs (Postfix, Exim, Sendmail; plain or gzip; any size)
 * and reports the automatic notices this server sent to remote addresses: bounces, delay warnings,
 * double bounces, autoreplies, and which bounces answered mail it had accepted from outside.
 *
 * <p>One pass, one thread, bounded memory: per-message state lives only while the message is in
 * the queue (see {@link MessageTable}), and the report keeps counts, bounded top lists and a few
 * samples. Files are read oldest first (by their first time stamp), so that a message whose life
 * spans a log rotation is followed across the files.
 */
public final class LogAudit {
    /**
     * @param zone     zone for time stamps without an offset, and for the histogram
     * @param year     the year of the first line of traditional syslog files (they carry none), or null to infer
     * @param networks the site's own networks (mail from them is not "from outside")
     * @param maxOpen  how many messages may be followed at once (per MTA)
     */
    public record Options(ZoneId zone, Integer year, Networks networks, int maxOpen) {
        public static Options defaults() {
            return new Options(ZoneId.systemDefault(), null, Networks.of(List.of()), 200_000);
        }
    }

    private static final int PEEK_LINES = 200;

    private LogAudit() {}

    /** Reads all inputs and returns the report; problems with single inputs are in their summaries, never thrown. */
    public static AuditReport run(List<LogInput> inputs, Options options) {
        AuditReport report = new AuditReport(options.zone());
        List<MtaLog> logs = List.of(
                new PostfixLog(options.networks(), report, options.maxOpen()),
                new EximLog(options.networks(), report, options.maxOpen()),
                new SendmailLog(options.networks(), report, options.maxOpen()));
        long[] lineNo = {0};
        for (LogInput in : inOrder(inputs, options)) read(in, options, logs, report, lineNo);
        for (MtaLog l : logs) {
            l.finish();
            report.evicted(l.evicted());
        }
        return report;
    }

    private static void read(LogInput in, Options options, List<MtaLog> logs, AuditReport report, long[] lineNo) {
        LineHeaders headers = new LineHeaders(options.zone(), in.modified(), options.year());
        Map<Mta, Long> recognised = new EnumMap<>(Mta.class);
        long lines = 0;
        long unrecognised = 0;
        String problem = null;
        LineReader reader = null;
        try (InputStream stream = in.open()) {
            reader = new LineReader(stream);
            String s;
            while ((s = reader.next()) != null) {
                lines++;
                lineNo[0]++;
                LogLine l = headers.parse(s);
                if (l == null) {
                    unrecognised++;
                    continue;
                }
                for (MtaLog log : logs) {
                    if (log.owns(l)) {
                        recognised.merge(log.mta(), 1L, Long::sum);
                        report.seen(l.time());
                        log.line(l, lineNo[0]);
                        break;
                    }
                }
            }
        } catch (EOFException e) {
            problem = "the compressed data ends early (truncated file?): read the " + lines + " lines before the break";
        } catch (ZipException e) {
            problem = "corrupt gzip data after " + lines + " lines (" + e.getMessage() + ")";
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            if (lines > 0) problem += " (after " + lines + " lines)";
        }
        report.input(new AuditReport.InputSummary(in.name(), lines, reader == null ? 0 : reader.bytes(),
                reader == null ? 0 : reader.cutLines(), recognised, unrecognised, problem));
    }

    /**
     * Files oldest first, by the first time stamp found near their beginning (then by modification
     * time); files without one keep their place after the others. With stdin among the inputs nothing can be peeked, so the
     * order given is kept.
     */
    static List<LogInput> inOrder(List<LogInput> inputs, Options options) {
        if (inputs.size() < 2 || inputs.stream().anyMatch(i -> i.path() == null)) return inputs;
        record Peeked(LogInput input, Instant first, int position) {}
        List<Peeked> p = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) p.add(new Peeked(inputs.get(i), firstTime(inputs.get(i), options), i));
        // Time stamps have whole seconds: a file rotated in the second it began ties with its successor,
        // and the one written last is the newer.
        p.sort(Comparator.comparing((Peeked x) -> x.first() == null ? Instant.MAX : x.first())
                .thenComparing(x -> x.input().modified())
                .thenComparingInt(Peeked::position));
        return p.stream().map(Peeked::input).toList();
    }

    private static Instant firstTime(LogInput in, Options options) {
        LineHeaders headers = new LineHeaders(options.zone(), in.modified(), options.year());
        try (InputStream stream = in.open()) {
            LineReader r = new LineReader(stream);
            String s;
            for (int i = 0; i < PEEK_LINES && (s = r.next()) != null; i++) {
                LogLine l = headers.parse(s);
                if (l != null) return l.time();
            }
        } catch (IOException e) {
            // reported when the file is read for real
        }
        return null;
    }
}
