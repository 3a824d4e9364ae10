package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Provider rules keyed by an error label the provider prints in its message (GoDaddy "IB212",
 * Cox "AUP#CXBL", i.ua "/err/2/", Facebook "RCP-P2"), with phrase rules as a fallback.
 */
final class CodeLabelRules implements ProviderRules {
    private final Function<Facts, String> label;
    private final Map<String, Reason> codes = new HashMap<>();
    private final PhraseRules fallback = new PhraseRules();

    /** @param label extracts the label from the facts, or "" when the message has none */
    CodeLabelRules(Function<Facts, String> label) {
        this.label = label;
    }

    CodeLabelRules code(Reason reason, String... labels) {
        for (String l : labels) codes.put(l, reason);
        return this;
    }

    CodeLabelRules phrases(Reason reason, String... phrases) {
        fallback.add(reason, phrases);
        return this;
    }

    @Override
    public Reason find(Facts f) {
        if (!f.hasDiagnostic()) return null;
        String l = label.apply(f);
        Reason r = l.isEmpty() ? null : codes.get(l);
        return r != null ? r : fallback.find(f);
    }

    /** The text between {@code start} and the next {@code end} (or end of text), "" if start is absent. */
    static String between(String text, String start, String end) {
        int p = text.indexOf(start);
        if (p < 0) return "";
        int from = p + start.length();
        int q = text.indexOf(end, from);
        return q < 0 ? text.substring(from) : text.substring(from, q);
    }
}
