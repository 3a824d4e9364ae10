package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider rules that are a plain ordered list of (reason, phrases): the first reason with a
 * phrase in the lower-cased message wins. Optionally a phrase only counts with a given reply code.
 */
final class PhraseRules implements ProviderRules {
    private record Row(Reason reason, String reply, String phrase) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds phrases (matched case-insensitively) that mean the reason. */
    PhraseRules add(Reason reason, String... phrases) {
        for (String p : phrases) rows.add(new Row(reason, "", p.toLowerCase(java.util.Locale.ROOT)));
        return this;
    }

    /** Adds a phrase that means the reason only when the reply code is the given one. */
    PhraseRules withReply(Reason reason, String reply, String phrase) {
        rows.add(new Row(reason, reply, phrase.toLowerCase(java.util.Locale.ROOT)));
        return this;
    }

    @Override
    public Reason find(Facts f) {
        if (!f.hasDiagnostic()) return null;
        for (Row r : rows) {
            if (!r.reply.isEmpty() && !r.reply.equals(f.replyCode)) continue;
            if (f.lower.contains(r.phrase)) return r.reason;
        }
        return null;
    }
}
