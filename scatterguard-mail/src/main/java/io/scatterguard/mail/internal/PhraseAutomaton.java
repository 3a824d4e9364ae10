package io.scatterguard.mail.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Many literal phrases found in one pass over a text (Aho–Corasick, compiled to a full transition
 * table over the characters the phrases use). The classifier and the reason tables each look for
 * hundreds of phrases per message; one pass replaces a regular-expression alternation or a
 * {@code contains} per phrase, which cost far more than reading the message.
 */
public final class PhraseAutomaton {
    private final int[] asciiColumn = new int[128]; // column of an ASCII character, 0 when no phrase uses it
    private final char[] otherChars;                  // sorted non-ASCII characters used by phrases
    private final int[][] next;                       // next[state][column], while building
    private final int[][] output;                     // phrase ids ending in each state (failure closure included)
    private final int width;                          // columns per state
    private final int[] flat;                         // next, flattened: flat[state * width + column]
    private final boolean[] emits;                    // whether output[state] is not empty

    private PhraseAutomaton(List<String> phrases) {
        StringBuilder others = new StringBuilder();
        int columns = 1; // column 0: any character no phrase uses
        for (String p : phrases) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < 128) {
                    if (asciiColumn[c] == 0) asciiColumn[c] = columns++;
                } else if (others.indexOf(String.valueOf(c)) < 0) {
                    others.append(c);
                }
            }
        }
        otherChars = others.toString().toCharArray();
        Arrays.sort(otherChars);
        int width = columns + otherChars.length;
        int firstOther = columns;
        List<int[]> go = new ArrayList<>();
        List<int[]> out = new ArrayList<>();
        go.add(row(width));
        out.add(new int[0]);
        for (int id = 0; id < phrases.size(); id++) {
            String p = phrases.get(id);
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                int c = column(p.charAt(i), firstOther);
                if (go.get(s)[c] < 0) {
                    go.get(s)[c] = go.size();
                    go.add(row(width));
                    out.add(new int[0]);
                }
                s = go.get(s)[c];
            }
            out.set(s, append(out.get(s), id));
        }
        next = go.toArray(new int[0][]);
        output = out.toArray(new int[0][]);
        completeTransitions(width);
        this.firstOther = firstOther;
        // one array and one flag per state: the scan does one load per character, not three
        this.width = width;
        this.flat = new int[next.length * width];
        this.emits = new boolean[next.length];
        for (int st = 0; st < next.length; st++) {
            System.arraycopy(next[st], 0, flat, st * width, width);
            emits[st] = output[st].length > 0;
        }
    }

    private final int firstOther;

    public static PhraseAutomaton of(List<String> phrases) {
        return new PhraseAutomaton(phrases);
    }

    private static int[] row(int width) {
        int[] r = new int[width];
        Arrays.fill(r, -1);
        return r;
    }

    private static int[] append(int[] a, int v) {
        for (int x : a) {
            if (x == v) return a;
        }
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Breadth-first: missing transitions follow the failure link, so matching is one lookup per character. */
    private void completeTransitions(int width) {
        int[] fail = new int[next.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < width; c++) {
            int t = next[0][c];
            if (t < 0) {
                next[0][c] = 0;
            } else {
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int p : output[fail[s]]) output[s] = append(output[s], p);
            for (int c = 0; c < width; c++) {
                int t = next[s][c];
                if (t < 0) {
                    next[s][c] = next[fail[s]][c];
                } else {
                    fail[t] = next[fail[s]][c];
                    queue.add(t);
                }
            }
        }
    }

    private int column(char c, int firstOther) {
        if (c < 128) return asciiColumn[c];
        int i = Arrays.binarySearch(otherChars, c);
        return i < 0 ? 0 : firstOther + i;
    }

    /**
     * Reports every phrase found, in the order their ends occur in the text; stops when
     * {@code onPhrase} returns false.
     */
    public void scan(String text, IntPredicate onPhrase) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            s = flat[s * width + (c < 128 ? asciiColumn[c] : column(c, firstOther))];
            if (emits[s]) {
                for (int id : output[s]) {
                    if (!onPhrase.test(id)) return;
                }
            }
        }
    }
}
