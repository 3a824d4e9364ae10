package io.scatterguard.app.bench;

import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.parse.MessageReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Throughput benchmark for the analysis, run by {@code bench/scan-throughput}. The corpus is read
 * into memory first so disk speed does not count. Two workloads side by side in one run:
 * the baseline only reads and MIME-tokenises each message ({@link MessageReader}); the full
 * analysis also classifies, parses bounces and resolves reasons. Each is measured on one thread
 * and on all cores; the median of several rounds after warm-up is reported with the ratios.
 */
public final class ScanThroughput {
    public static void main(String[] args) throws Exception {
        List<Path> corpus = java.util.Arrays.stream((args.length > 0 ? args[0] : "../shared/corpus").split(":"))
                .map(Path::of).toList();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<byte[]> messages = load(corpus);
        long bytes = messages.stream().mapToLong(b -> b.length).sum();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "corpus: %,d messages, %,.1f MB, %d cores, Java %s%n", messages.size(),
                bytes / 1e6, cores, Runtime.version());

        MessageReader reader = new MessageReader();
        MessageAnalyzer analyzer = new MessageAnalyzer();
        Consumer<byte[]> readOnly = reader::read;
        Consumer<byte[]> full = analyzer::analyze;

        resetPeaks();
        double read1 = measure(messages, readOnly, 1, rounds);
        double full1 = measure(messages, full, 1, rounds);
        double readCpu = cpuRate(messages, readOnly, rounds);
        double fullCpu = cpuRate(messages, full, rounds);
        double readN = measure(messages, readOnly, cores, rounds);
        double fullN = measure(messages, full, cores, rounds);
        long peakHeap = peakHeapBytes();

        System.out.printf(Locale.ROOT, "%-34s %12s %12s%n", "workload", "1 thread", cores + " threads");
        System.out.printf(Locale.ROOT, "%-34s %,10.0f/s %,10.0f/s%n", "baseline: read + MIME tokenise", read1, readN);
        System.out.printf(Locale.ROOT, "%-34s %,10.0f/s %,10.0f/s%n", "full analysis", full1, fullN);
        System.out.printf(Locale.ROOT, "per CPU-second of one thread (robust on a busy machine): baseline %,.0f/s, full %,.0f/s%n",
                readCpu, fullCpu);
        System.out.printf(Locale.ROOT, "full analysis / baseline:          %.2f (1 thread)  %.2f (%d threads)  %.2f (CPU time)%n",
                full1 / read1, fullN / readN, cores, fullCpu / readCpu);
        System.out.printf(Locale.ROOT, "scaling %d threads / 1 thread:      %.2fx (baseline %.2fx)%n", cores, fullN / full1,
                readN / read1);
        System.out.printf(Locale.ROOT, "peak heap used: %,.1f MB (max heap %,.0f MB)%n", peakHeap / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "RESULT full_1t=%.0f full_%dt=%.0f baseline_1t=%.0f baseline_%dt=%.0f full_cpu=%.0f baseline_cpu=%.0f%n",
                full1, cores, fullN, read1, cores, readN, fullCpu, readCpu);
    }

    /** Every file under the given directories, except the corpus's own label and read-me files. */
    private static List<byte[]> load(List<Path> dirs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path corpus : dirs) {
            try (Stream<Path> s = Files.walk(corpus)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".jsonl"))
                        .filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        List<byte[]> out = new ArrayList<>(files.size());
        for (Path p : files) out.add(Files.readAllBytes(p));
        return out;
    }

    /** Messages per second: median of {@code rounds} timed passes after two warm-up passes. */
    private static double measure(List<byte[]> messages, Consumer<byte[]> work, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < 2; i++) pass(messages, work, threads, pool);
            double[] rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                pass(messages, work, threads, pool);
                rates[r] = messages.size() / ((System.nanoTime() - t0) / 1e9);
            }
            Arrays.sort(rates);
            return rates[rounds / 2];
        } finally {
            pool.shutdown();
        }
    }

    /** Messages per CPU-second of the measuring thread: median of {@code rounds} passes. */
    private static double cpuRate(List<byte[]> messages, Consumer<byte[]> work, int rounds) {
        java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = tm.getCurrentThreadCpuTime();
            for (byte[] m : messages) work.accept(m);
            rates[r] = messages.size() / ((tm.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    private static void pass(List<byte[]> messages, Consumer<byte[]> work, int threads, ExecutorService pool) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < messages.size()) work.accept(messages.get(i));
            }));
        }
        for (Future<?> f : fs) f.get();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }
}
