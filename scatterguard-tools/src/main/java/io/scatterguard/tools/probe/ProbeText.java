package io.scatterguard.tools.probe;

import java.io.PrintStream;

/** The probe's result for people: the verdict, why, and the whole transcript as evidence. */
public final class ProbeText {
    private ProbeText() {}

    public static void write(ProbeResult r, PrintStream out) {
        out.println("Scatterguard probe of " + r.target());
        out.println();
        out.println("Verdict: " + r.verdict().summary() + "  [" + r.verdict().id() + ", exit " + r.verdict().exitCode() + "]");
        for (String line : wrap(r.explanation(), 96)) out.println("  " + line);
        out.println();
        if (!r.domain().isEmpty()) {
            out.println("  domain:      " + r.domain() + (r.domainFromGreeting() ? " (from the greeting; --domain to choose)" : ""));
        }
        out.println("  sender:      <" + r.sender() + ">" + (r.sender().isEmpty() ? " (null sender)" : ""));
        if (!r.probeRecipient().isEmpty()) out.println("  unknown:     <" + r.probeRecipient() + "> → " + reply(r.probeReply()));
        if (!r.validRecipient().isEmpty()) out.println("  known-good:  <" + r.validRecipient() + "> → " + reply(r.validReply()));
        if (r.tls() != null) {
            out.println("  TLS:         " + r.tls().protocol() + " " + r.tls().cipher()
                    + "; certificate NOT verified (a probe accepts any certificate)");
        } else {
            out.println("  TLS:         " + (r.tlsNote().isEmpty() ? "not used" : r.tlsNote()));
        }
        out.println("  DATA:        never sent; nothing was delivered");
        out.println();
        out.println("Transcript");
        for (Transcript.Line l : r.transcript()) out.printf("  %6d ms  %s%n", l.millis(), l);
    }

    private static String reply(Reply r) {
        return r == null ? "(no answer)" : r.toString();
    }

    private static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
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
}
