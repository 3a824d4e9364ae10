package io.scatterguard.tools.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation as it happened, the probe's evidence: what we sent ({@code C:}), what the server
 * answered ({@code S:}) and what happened in between ({@code *}: connecting, TLS, time-outs). Bounded,
 * so a server that talks without end cannot exhaust memory.
 */
public final class Transcript {
    /** Who said it. */
    public enum Direction {
        CLIENT("C:"), SERVER("S:"), NOTE("* ");

        private final String prefix;

        Direction(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** One line, with the milliseconds since the probe started. */
    public record Line(long millis, Direction direction, String text) {
        @Override
        public String toString() {
            return direction.prefix() + " " + text;
        }
    }

    static final int MAX_LINES = 400;
    static final int MAX_LINE_CHARS = 1000;

    private final long start = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();
    private int dropped;

    void client(String text) {
        add(Direction.CLIENT, text);
    }

    void server(String text) {
        add(Direction.SERVER, text);
    }

    void note(String text) {
        add(Direction.NOTE, text);
    }

    private void add(Direction d, String text) {
        if (lines.size() >= MAX_LINES) {
            dropped++;
            return;
        }
        String t = text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) + "…" : text;
        StringBuilder safe = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            safe.append(c < 0x20 && c != '\t' || c == 0x7f ? '?' : c); // no terminal control sequences from the server
        }
        lines.add(new Line((System.nanoTime() - start) / 1_000_000, d, safe.toString()));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines beyond {@link #MAX_LINES} that were not kept. */
    public int dropped() {
        return dropped;
    }
}
