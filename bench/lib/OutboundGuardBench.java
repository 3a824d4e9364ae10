import io.scatterguard.gateway.outbound.GuardAlerts;
import io.scatterguard.gateway.outbound.GuardSettings;
import io.scatterguard.gateway.outbound.GuardState;
import io.scatterguard.gateway.outbound.MemoryGuardState;
import io.scatterguard.gateway.outbound.OutboundGuard;
import io.scatterguard.gateway.outbound.Rate;
import io.scatterguard.gateway.outbound.RedisGuardState;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ReadLimits;
import io.scatterguard.mail.verdict.Envelope;
import io.scatterguard.mail.verdict.OurSide;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The outbound guard's parts, one at a time in a loop: the admission of one transaction (limits and
 * the many-senders set) on the in-memory state or on a Redis, and the classification of a 5 KB
 * ordinary message. CPU per operation from the process's CPU time; the machine is shared, so look
 * at the later rounds.
 * Usage: java -cp scatterguard-app/target/scatterguard.jar bench/lib/OutboundGuardBench.java [redis://HOST:PORT/DB]
 */
public class OutboundGuardBench {
    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        GuardSettings settings = new GuardSettings(List.of(), List.of(),
                List.of(Rate.parse("100000000/1m"), Rate.parse("1000000000/1h")),
                List.of(Rate.parse("100000000/1m"), Rate.parse("1000000000/1h")), List.of(Rate.parse("100000000/1m")),
                List.of(Rate.parse("100000000/1m")), Rate.parse("1000/1h"), true, true, GuardSettings.Action.QUARANTINE,
                GuardSettings.Action.QUARANTINE, Duration.ofDays(7), Duration.ofDays(7), Set.of("example.com"));
        GuardState state = args.length > 0 ? new RedisGuardState(args[0], Duration.ofSeconds(2)) : new MemoryGuardState();
        OutboundGuard guard = new OutboundGuard(settings, state, GuardAlerts.NONE, Clock.systemUTC());
        MessageReader reader = new MessageReader(ReadLimits.defaults());
        MessageAnalyzer analyzer = new MessageAnalyzer(OurSide.builder().domain("example.com").build());
        StringBuilder sb = new StringBuilder("From: sender@example.com\r\nTo: someone@example.net\r\nSubject: figures\r\n"
                + "Message-ID: <x@example.com>\r\n\r\n");
        while (sb.length() < 5120) sb.append("The figures for the third quarter are attached; call me about them.\r\n");
        byte[] raw = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        OutboundGuard.Origin origin = new OutboundGuard.Origin("192.0.2.10", "");
        System.out.println("state: " + (args.length > 0 ? state : "memory"));
        for (int round = 0; round < 5; round++) {
            int n = args.length > 0 ? 5_000 : 100_000;
            long cpu = os.getProcessCpuTime(), t = System.nanoTime();
            for (int i = 0; i < n; i++) guard.rcpt(origin, "sender@example.com", "someone@example.net", true);
            double admitCpu = (os.getProcessCpuTime() - cpu) / 1e3 / n, admitWall = (System.nanoTime() - t) / 1e3 / n;
            int m = 10_000;
            cpu = os.getProcessCpuTime();
            for (int i = 0; i < m; i++) analyzer.analyze(reader.read(raw), Envelope.smtp("sender@example.com", List.of("someone@example.net")));
            double classifyCpu = (os.getProcessCpuTime() - cpu) / 1e3 / m;
            System.out.printf("round %d: admission %.1f us CPU (%.1f us wall), classification %.1f us CPU%n", round, admitCpu,
                    admitWall, classifyCpu);
        }
        state.close();
    }
}
