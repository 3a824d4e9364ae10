package io.scatterguard.mail.bounce.reason;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A list of lower-case phrases plus "aligned" phrase sequences (pieces that must appear in this
 * order, e.g. {@code "mailbox ", "full"}) that identify one kind of error message. Matching is a
 * plain {@link String#indexOf} scan over text that the caller lower-cased once.
 */
final class Phrases {
    static final Phrases NONE = new Phrases(new String[0], new String[0][]);

    private final String[] any;
    private final String[][] aligned;
    /** Ids of {@link #any} in a {@link io.scatterguard.mail.internal.PhraseAutomaton}, once the phrases were indexed. */
    private int[] ids;

    private Phrases(String[] any, String[][] aligned) {
        this.any = any;
        this.aligned = aligned;
    }

    /** Phrases that each identify the error on their own. */
    static Phrases of(String... any) {
        return new Phrases(lower(any), new String[0][]);
    }

    /** Adds ordered sequences: every piece must occur, each after the end of the previous one. */
    Phrases aligned(String[]... sequences) {
        String[][] seq = new String[sequences.length][];
        for (int i = 0; i < sequences.length; i++) seq[i] = lower(sequences[i]);
        return new Phrases(any, seq);
    }

    /** True when the lower-cased text contains one of the phrases or aligned sequences. */
    boolean in(String lower) {
        if (lower == null || lower.isEmpty()) return false;
        for (String p : any) {
            if (lower.contains(p)) return true;
        }
        for (String[] s : aligned) {
            if (isAligned(lower, s)) return true;
        }
        return false;
    }

    /** Registers the phrases with an index under construction; returns this. */
    Phrases register(List<String> index) {
        int[] assigned = new int[any.length];
        for (int i = 0; i < any.length; i++) {
            assigned[i] = index.size();
            index.add(any[i]);
        }
        ids = assigned;
        return this;
    }

    /** Same as {@link #in(String)} using a precomputed scan of the text when these phrases are indexed. */
    boolean in(String lower, BitSet hits) {
        if (ids == null || hits == null) return in(lower);
        if (lower == null || lower.isEmpty()) return false;
        for (int id : ids) {
            if (hits.get(id)) return true;
        }
        for (String[] s : aligned) {
            if (isAligned(lower, s)) return true;
        }
        return false;
    }

    static boolean isAligned(String text, String[] pieces) {
        int from = 0;
        for (String p : pieces) {
            int at = text.indexOf(p, from);
            if (at < 0) return false;
            from = at + p.length();
        }
        return true;
    }

    private static String[] lower(String[] in) {
        String[] out = new String[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[i].toLowerCase(Locale.ROOT);
        return out;
    }
}
