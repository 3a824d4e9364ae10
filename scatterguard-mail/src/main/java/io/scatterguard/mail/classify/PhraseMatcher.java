package io.scatterguard.mail.classify;

import io.scatterguard.mail.internal.PhraseAutomaton;
import java.util.ArrayList;
import java.util.List;

/**
 * Phrase lists for the classifier, written in a compact notation and matched in one pass by a
 * {@link PhraseAutomaton} (a regular-expression alternation over 8 KB of text per message cost
 * twenty times more than reading the message).
 *
 * <p>Phrases are written in a small regex-like notation that is expanded to literals:
 * alternatives {@code (a|b)}, an optional character or group {@code x?} / {@code (...)?}, a
 * character class {@code [.,!]} and escapes {@code \.}. Matching is on substrings of
 * already lower-cased text.
 */
final class PhraseMatcher {
    private static final int MAX_EXPANSIONS = 20_000;

    private final List<String> phrases;
    /** The group (phrase list) each phrase belongs to. */
    private final int[] groupOf;
    private final int groups;
    private final PhraseAutomaton automaton;

    private PhraseMatcher(List<String> phrases, int[] groupOf, int groups) {
        this.phrases = phrases;
        this.groupOf = groupOf;
        this.groups = groups;
        this.automaton = PhraseAutomaton.of(phrases);
    }

    /** Builds a matcher from phrase patterns in the notation described above (one group). */
    static PhraseMatcher of(String... patterns) {
        return grouped(List.of(String.join("|", patterns)));
    }

    /**
     * Builds one matcher for several phrase lists, so one pass over a text answers them all:
     * {@link #scan} returns, per list, the first phrase of that list found.
     */
    static PhraseMatcher grouped(List<String> groupPatterns) {
        List<String> all = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        for (int g = 0; g < groupPatterns.size(); g++) {
            for (String alt : splitTopLevel(groupPatterns.get(g))) {
                for (String phrase : expand(alt)) {
                    all.add(phrase);
                    group.add(g);
                }
            }
        }
        return new PhraseMatcher(List.copyOf(all), group.stream().mapToInt(Integer::intValue).toArray(), groupPatterns.size());
    }

    /** The first phrase found in {@code text} (quoted for evidence), or null. */
    String find(String text) {
        return scan(text)[0];
    }

    /** Per group, the first phrase of that group found in {@code text} (quoted), or null. */
    String[] scan(String text) {
        String[] hits = new String[groups];
        if (text == null || text.isEmpty()) return hits;
        int[] found = {0};
        automaton.scan(text, p -> {
            int g = groupOf[p];
            if (hits[g] == null) {
                hits[g] = "'" + phrases.get(p) + "'";
                found[0]++;
            }
            return found[0] < groups;
        });
        return hits;
    }

    int size() {
        return phrases.size();
    }

    // --- expansion of the phrase notation -------------------------------------------------------

    private static List<String> splitTopLevel(String p) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(p.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(p.substring(start));
        return parts;
    }

    /** All literal strings a pattern without top-level alternatives stands for. */
    private static List<String> expand(String p) {
        List<String> acc = new ArrayList<>(List.of(""));
        int i = 0;
        while (i < p.length()) {
            List<String> atom;
            char c = p.charAt(i);
            int end;
            if (c == '(') {
                end = closing(p, i, '(', ')');
                atom = new ArrayList<>();
                for (String alt : splitTopLevel(p.substring(i + 1, end))) atom.addAll(expand(alt));
            } else if (c == '[') {
                end = closing(p, i, '[', ']');
                atom = new ArrayList<>();
                for (char k : p.substring(i + 1, end).toCharArray()) atom.add(String.valueOf(k));
            } else if (c == '\\') {
                end = i + 1;
                atom = List.of(String.valueOf(p.charAt(end)));
            } else {
                end = i;
                atom = List.of(String.valueOf(c));
            }
            i = end + 1;
            if (i < p.length() && p.charAt(i) == '?') {
                atom = new ArrayList<>(atom);
                atom.add("");
                i++;
            }
            List<String> combined = new ArrayList<>(acc.size() * atom.size());
            for (String a : acc) {
                for (String b : atom) combined.add(a + b);
            }
            if (combined.size() > MAX_EXPANSIONS) throw new IllegalArgumentException("phrase pattern too broad: " + p);
            acc = combined;
        }
        return acc;
    }

    private static int closing(String p, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + o + " in phrase pattern: " + p);
    }
}
