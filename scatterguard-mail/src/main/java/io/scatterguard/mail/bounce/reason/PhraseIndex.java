package io.scatterguard.mail.bounce.reason;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * All phrases of the reason tables compiled into one Aho-Corasick automaton (a full DFA over the
 * characters the phrases use), so that one pass over a diagnostic finds every phrase it contains:
 * classification then tests bits instead of scanning the text once per phrase.
 */
final class PhraseIndex {
    private final char[] alphabet;      // sorted distinct characters of all phrases
    private final int[][] next;         // next[state][symbol]
    private final int[][] output;       // phrase ids ending in each state (with failure closure)

    private PhraseIndex(char[] alphabet, int[][] next, int[][] output) {
        this.alphabet = alphabet;
        this.next = next;
        this.output = output;
    }

    /** Builds the index; phrase i of the list gets id i. */
    static PhraseIndex build(List<String> phrases) {
        StringBuilder chars = new StringBuilder();
        for (String p : phrases) {
            for (int i = 0; i < p.length(); i++) {
                if (chars.indexOf(String.valueOf(p.charAt(i))) < 0) chars.append(p.charAt(i));
            }
        }
        char[] alphabet = chars.toString().toCharArray();
        java.util.Arrays.sort(alphabet);
        int width = alphabet.length + 1;    // symbol 0: any character not in a phrase

        List<int[]> go = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        go.add(new int[width]);
        out.add(new ArrayList<>());
        java.util.Arrays.fill(go.get(0), -1);
        for (int id = 0; id < phrases.size(); id++) {
            String p = phrases.get(id);
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                int c = symbol(alphabet, p.charAt(i));
                if (go.get(s)[c] < 0) {
                    int[] row = new int[width];
                    java.util.Arrays.fill(row, -1);
                    go.add(row);
                    out.add(new ArrayList<>());
                    go.get(s)[c] = go.size() - 1;
                }
                s = go.get(s)[c];
            }
            out.get(s).add(id);
        }
        int n = go.size();
        int[] fail = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < width; c++) {
            int t = go.get(0)[c];
            if (t < 0) go.get(0)[c] = 0;
            else {
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < width; c++) {
                int t = go.get(s)[c];
                if (t < 0) {
                    go.get(s)[c] = go.get(fail[s])[c];
                } else {
                    fail[t] = go.get(fail[s])[c];
                    queue.add(t);
                }
            }
        }
        int[][] next = go.toArray(new int[0][]);
        int[][] output = new int[n][];
        for (int i = 0; i < n; i++) output[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
        return new PhraseIndex(alphabet, next, output);
    }

    /** The ids of all phrases found in the text. */
    BitSet scan(String text) {
        BitSet hits = new BitSet();
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            s = next[s][symbol(alphabet, text.charAt(i))];
            int[] o = output[s];
            for (int id : o) hits.set(id);
        }
        return hits;
    }

    private static int symbol(char[] alphabet, char c) {
        int i = java.util.Arrays.binarySearch(alphabet, c);
        return i < 0 ? 0 : i + 1;
    }
}
