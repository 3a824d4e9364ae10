package io.scatterguard.app.cli;

import io.scatterguard.app.input.MessageSource;
import io.scatterguard.app.input.MessageSources;
import io.scatterguard.app.output.JsonlWriter;
import io.scatterguard.app.output.ScanResult;
import io.scatterguard.app.output.SummaryReport;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.parse.ReadLimits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scatterguard scan}: analyses files, directories, Maildirs, mbox files or stdin on all
 * cores, and prints one JSON line per message or a summary. Results come out in input order.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Classify messages, parse bounces and tell which are backscatter.")
public final class ScanCommand implements java.util.concurrent.Callable<Integer> {
    /** How many messages may be analysed ahead of the one being printed; bounds memory. */
    private static final int WINDOW_PER_THREAD = 64;
    /** Bytes of mbox/stdin messages held while waiting for a worker (files are read when analysed). */
    private static final long MAX_BYTES_IN_FLIGHT = 32L << 20;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, Maildirs, mbox files, or - for stdin.")
    List<String> paths;

    @Option(names = "--format", description = "jsonl or summary (default: summary on a terminal, jsonl otherwise).")
    String format;

    @Option(names = "--input-format", description = "auto, message or mbox (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    String inputFormat;

    @Option(names = {"-j", "--threads"}, description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    boolean noProgress;

    @Mixin
    OurSideOptions ourSide;

    @Override
    public Integer call() throws Exception {
        try {
            MessageSources.checkReadable(paths);
        } catch (IOException e) {
            System.err.println("scatterguard scan: " + describe(e));
            return 2;
        }
        MessageSources.Format inFormat = MessageSources.Format.valueOf(inputFormat.toUpperCase(java.util.Locale.ROOT));
        boolean terminal = System.console() != null;
        String fmt = format != null ? format : terminal ? "summary" : "jsonl";
        if (!fmt.equals("jsonl") && !fmt.equals("summary")) {
            System.err.println("scatterguard scan: --format must be jsonl or summary, not '" + fmt + "'");
            return 2;
        }
        MessageAnalyzer analyzer;
        try {
            analyzer = ourSide.analyzer();
        } catch (IllegalArgumentException e) {
            System.err.println("scatterguard scan: " + e.getMessage());
            return 2;
        }
        Progress progress = Progress.create(!noProgress && terminal);
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        SummaryReport summary = new SummaryReport();
        AtomicLong failures = new AtomicLong();
        int nThreads = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "scan-worker");
            t.setDaemon(true);
            return t;
        });
        try (JsonlWriter json = fmt.equals("jsonl") ? new JsonlWriter(stdout) : null) {
            Deque<Future<ScanResult>> inFlight = new ArrayDeque<>();
            Deque<Long> inFlightSizes = new ArrayDeque<>();
            long[] bytesInFlight = {0};
            int window = nThreads * WINDOW_PER_THREAD;
            IOException[] sinkError = new IOException[1];
            long maxMessage = ReadLimits.defaults().maxInputBytes();
            new MessageSources(inFormat, maxMessage).forEach(paths, src -> {
                inFlight.add(pool.submit(() -> analyse(analyzer, src)));
                inFlightSizes.add(src.bytesInMemory());
                bytesInFlight[0] += src.bytesInMemory();
                progress.found();
                while (inFlight.size() >= window || (bytesInFlight[0] > MAX_BYTES_IN_FLIGHT && inFlight.size() > 1)) {
                    try {
                        bytesInFlight[0] -= inFlightSizes.poll();
                        emit(inFlight.poll(), json, summary, progress, failures);
                    } catch (IOException e) {
                        sinkError[0] = e;
                    }
                }
            });
            while (!inFlight.isEmpty()) emit(inFlight.poll(), json, summary, progress, failures);
            if (sinkError[0] != null) throw sinkError[0];
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        if (fmt.equals("summary")) {
            summary.print(new PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
        }
        stdout.flush();
        return failures.get() > 0 ? 1 : 0;
    }

    private static ScanResult analyse(MessageAnalyzer analyzer, MessageSource src) {
        try (InputStream in = src.open()) {
            Analysis a = analyzer.analyze(in);
            return new ScanResult(src.path(), a, List.of(), src.notes());
        } catch (IOException e) {
            return new ScanResult(src.path(), null, List.of("read: " + describe(e)), src.notes());
        } catch (RuntimeException | StackOverflowError e) {
            return new ScanResult(src.path(), null, List.of("analysis: " + e), src.notes());
        }
    }

    private static void emit(Future<ScanResult> f, JsonlWriter json, SummaryReport summary, Progress progress,
            AtomicLong failures) throws IOException {
        ScanResult r;
        try {
            r = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (r.failed()) {
            failures.incrementAndGet();
            System.err.println("scatterguard scan: " + r.path() + ": " + String.join("; ", r.errors()));
        }
        if (json != null) json.write(r);
        summary.add(r);
        progress.done();
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) return n.getFile() + ": no such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException a) return a.getFile() + ": permission denied";
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
