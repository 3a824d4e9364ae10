package io.scatterguard.mail.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds any of many literal phrases in a text in one pass (Aho–Corasick). The classifier looks for
 * hundreds of template sentences in up to 8 KB of text per message; a regular-expression
 * alternation tries every phrase at every position and cost twenty times more than reading the
 * message.
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
    /** Character → column in {@link #delta}, or -1 for characters no phrase contains. */
    private final int[] column = new int[128];
    /** The automaton as a full transition table: delta[state][column] → next state. */
    private final int[][] delta;
    /** The phrases that end in this state, directly or as a suffix of what was read. */
    private final int[][] output;

    private PhraseMatcher(List<String> phrases, int[] groupOf, int groups) {
        this.phrases = phrases;
        this.groupOf = groupOf;
        this.groups = groups;
        Arrays.fill(column, -1);
        int columns = 0;
        for (String s : phrases) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 128) throw new IllegalArgumentException("phrases must be ASCII: " + s);
                if (column[c] < 0) column[c] = columns++;
            }
        }
        List<int[]> trie = new ArrayList<>();
        List<int[]> out = new ArrayList<>();
        trie.add(newRow(columns));
        out.add(NONE);
        for (int p = 0; p < phrases.size(); p++) {
            String s = phrases.get(p);
            int st = 0;
            for (int i = 0; i < s.length(); i++) {
                int col = column[s.charAt(i)];
                if (trie.get(st)[col] < 0) {
                    trie.get(st)[col] = trie.size();
                    trie.add(newRow(columns));
                    out.add(NONE);
                }
                st = trie.get(st)[col];
            }
            out.set(st, append(out.get(st), p));
        }
        this.delta = trie.toArray(new int[0][]);
        this.output = out.toArray(new int[0][]);
        completeTransitions(columns);
    }

    private static int[] newRow(int columns) {
        int[] row = new int[columns];
        Arrays.fill(row, -1);
        return row;
    }

    /** Breadth-first: missing transitions follow the fail link, so matching is one lookup per character. */
    private void completeTransitions(int columns) {
        int[] fail = new int[delta.length];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < columns; c++) {
            int child = delta[0][c];
            if (child < 0) {
                delta[0][c] = 0;
            } else {
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int st = queue.poll();
            for (int p : output[fail[st]]) output[st] = append(output[st], p);
            for (int c = 0; c < columns; c++) {
                int child = delta[st][c];
                if (child < 0) {
                    delta[st][c] = delta[fail[st]][c];
                } else {
                    fail[child] = delta[fail[st]][c];
                    queue.add(child);
                }
            }
        }
    }

    private static final int[] NONE = new int[0];

    private static int[] append(int[] a, int v) {
        for (int x : a) {
            if (x == v) return a;
        }
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
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
        int found = 0;
        int st = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int col = c < 128 ? column[c] : -1;
            st = col < 0 ? 0 : delta[st][col];
            for (int p : output[st]) {
                int g = groupOf[p];
                if (hits[g] == null) {
                    hits[g] = "'" + phrases.get(p) + "'";
                    if (++found == groups) return hits;
                }
            }
        }
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
