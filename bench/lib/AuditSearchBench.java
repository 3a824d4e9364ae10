import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Fills an audit trail with ROWS transaction decisions (senders and recipients drawn from 50,000
 * addresses, a month of times) and times searches for one address, newest first, one page.
 * Usage: java -cp scatterguard.jar AuditSearchBench.java DATA_DIR [JDBC_URL] [ROWS]
 * Prints: load time, then the median and worst of 50 searches for different addresses.
 */
public class AuditSearchBench {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String url = args.length > 1 ? args[1] : "";
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        StoreSettings s = StoreSettings.embedded(dir);
        if (!url.isEmpty()) s = s.withUrl(url, "", "");
        try (Store store = Store.open(s)) {
            Random rnd = new Random(42);
            Instant start = Instant.parse("2026-10-01T00:00:00Z");
            long t0 = System.nanoTime();
            List<AuditRecord> batch = new ArrayList<>(5_000);
            for (int i = 0; i < rows; i++) {
                String from = "user" + rnd.nextInt(50_000) + "@sender" + rnd.nextInt(500) + ".example";
                String to = "rcpt" + rnd.nextInt(50_000) + "@example.com";
                Instant t = start.plusSeconds(rnd.nextInt(30 * 86_400));
                boolean refused = rnd.nextInt(4) == 0;
                batch.add(new AuditRecord(t, "bench", Integer.toString(i, 36), "192.0.2." + rnd.nextInt(250), "", "client.example",
                        false, from, List.of(to), List.of(),
                        List.of(new CheckResult("backscatter", refused ? "reject" : "continue", refused ? "BACKSCATTER_DSN" : "")),
                        "END_OF_DATA", refused ? Outcome.REJECTED : Outcome.ACCEPTED, refused ? 550 : 250,
                        refused ? "550 5.7.1 backscatter refused" : "250 2.0.0 Ok", 5_000, "<" + i + "@bench>",
                        refused ? "dsn" : "ordinary", refused, OptionalLong.empty()));
                if (batch.size() == 5_000) {
                    store.audit().writeNow(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) store.audit().writeNow(batch);
            System.out.printf("loaded %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            for (int i = 0; i < 10; i++) store.audit().search(AuditQuery.all().address("rcpt" + i + "@example.com").limit(50));
            long[] ms = new long[50];
            int found = 0;
            for (int i = 0; i < ms.length; i++) {
                String address = (i % 2 == 0 ? "rcpt" : "user") + (1000 + i * 37) + (i % 2 == 0 ? "@example.com" : "@sender7.example");
                long q0 = System.nanoTime();
                found += store.audit().search(AuditQuery.all().address(address).limit(50)).items().size();
                ms[i] = (System.nanoTime() - q0) / 1_000;
            }
            Arrays.sort(ms);
            System.out.printf("search one address (50 different, one page of up to 50, %d rows found in all): median %.1f ms, "
                    + "worst %.1f ms%n", found, ms[ms.length / 2] / 1e3, ms[ms.length - 1] / 1e3);
        }
    }
}
