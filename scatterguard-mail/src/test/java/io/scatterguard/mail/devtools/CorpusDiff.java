package io.scatterguard.mail.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Developer tool: runs the bounce analysis over the labelled corpus and prints, per file, what was
 * expected and what was found, then agreement totals. Run with {@code dev/corpus-diff [FILTER] [-v]}.
 * Only lines that disagree are printed unless -v is given.
 */
public final class CorpusDiff {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(System.getProperty("scatterguard.corpus", "../shared/corpus"));
        String filter = args.length > 0 && !args[0].startsWith("-") ? args[0] : "";
        boolean verbose = List.of(args).contains("-v");
        ObjectMapper json = new ObjectMapper();
        MessageReader reader = new MessageReader();
        BounceAnalyzer analyzer = new BounceAnalyzer();
        int files = 0, parsed = 0, stTot = 0, stOk = 0, rsTot = 0, rsOk = 0, rcTot = 0, rcOk = 0;
        try (BufferedReader r = Files.newBufferedReader(corpus.resolve("labels.jsonl"))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode lab = json.readTree(line);
                String path = lab.get("path").asText();
                String label = lab.get("label").asText();
                if (!(label.equals("dsn") || label.equals("arf")) || !path.contains(filter)) continue;
                files++;
                ParsedMessage m = reader.read(Files.readAllBytes(corpus.resolve(path)));
                Optional<BounceReport> rep = analyzer.analyze(m);
                List<DeliveryStatus> got = rep.map(BounceReport::recipients).orElse(List.of());
                if (rep.isPresent()) parsed++;
                JsonNode exp = lab.path("expect");
                List<String> problems = new ArrayList<>();
                for (JsonNode e : exp.path("recipients_expected")) {
                    String st = e.path("status").asText("");
                    if (!st.isEmpty() && !e.path("status_is_sisimai_pseudo_code").asBoolean(false) && !st.contains(".0.9")) {
                        stTot++;
                        if (got.stream().anyMatch(d -> d.status().equals(st))) stOk++;
                        else problems.add("status want " + st);
                    }
                    String rs = e.path("reason").asText("");
                    if (!rs.isEmpty() && !rs.equals("feedback") && !rs.equals("vacation") && !rs.equals("delivered")) {
                        rsTot++;
                        if (got.stream().anyMatch(d -> d.reason().id().equals(rs))) rsOk++;
                        else problems.add("reason want " + rs);
                    }
                }
                for (JsonNode a : exp.path("failed_recipients")) {
                    rcTot++;
                    String addr = a.asText().toLowerCase();
                    if (got.stream().anyMatch(d -> d.recipient().toLowerCase().equals(addr))) rcOk++;
                    else problems.add("recipient want " + addr);
                }
                if (rep.isEmpty()) problems.add("NOT PARSED");
                if (verbose || !problems.isEmpty()) {
                    System.out.println(path + "  [" + rep.map(BounceReport::format).orElse("-") + "] "
                            + String.join("; ", problems));
                    for (DeliveryStatus d : got) {
                        System.out.println("    got " + d.recipient() + " action=" + d.action() + " status=" + d.status()
                                + " reply=" + d.replyCode() + " reason=" + d.reason().id() + " hard=" + d.hardBounce()
                                + " cmd=" + d.command() + " rmta=" + d.remoteMta() + " diag=" + abbreviate(d.diagnostic()));
                    }
                }
            }
        }
        System.out.printf("files=%d parsed=%d status=%d/%d reason=%d/%d recipients=%d/%d%n",
                files, parsed, stOk, stTot, rsOk, rsTot, rcOk, rcTot);
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
