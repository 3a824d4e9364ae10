package io.scatterguard.tools.logaudit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The messages being followed through a log, with bounded memory whatever the log's size:
 * <ul>
 *   <li>at most {@code capacity} open messages; beyond that the least recently seen one is
 *       finished as it is (counted in {@link #evicted()}) — a message whose end is not in the log
 *       must not keep memory forever;</li>
 *   <li>a message whose end was logged ({@code removed}, {@code Completed}) waits another
 *       {@link #SETTLE_LINES} lines before it is finished, because the line that links it to
 *       another message (a bounce's "notification" line, a content filter's "queued as") can come
 *       a little after its end.</li>
 * </ul>
 */
final class MessageTable {
    static final int SETTLE_LINES = 2000;

    private record Closed(TrackedMessage message, long line) {}

    private final Consumer<TrackedMessage> finisher;
    private final LinkedHashMap<String, TrackedMessage> open;
    private final ArrayDeque<Closed> settling = new ArrayDeque<>();
    private final Map<String, TrackedMessage> settled = new HashMap<>();
    private long evicted;

    MessageTable(int capacity, Consumer<TrackedMessage> finisher) {
        this.finisher = finisher;
        this.open = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TrackedMessage> eldest) {
                if (size() <= capacity) return false;
                evicted++;
                finisher.accept(eldest.getValue());
                return true;
            }
        };
    }

    /** The open message with this key, or null. */
    TrackedMessage get(String key) {
        return open.get(key);
    }

    /** The open message with this key, or the one that ended within the last lines, or null. */
    TrackedMessage find(String key) {
        TrackedMessage m = open.get(key);
        return m != null ? m : settled.get(key);
    }

    /** A new message under this key; an open one with the same key (queue id reused) is finished first. */
    TrackedMessage start(String key, String queueId, Instant time, long line) {
        TrackedMessage old = open.remove(key);
        if (old != null) close(old, line);
        TrackedMessage m = new TrackedMessage(key, queueId, time);
        open.put(key, m);
        return m;
    }

    /** The open message with this key, started when missing. */
    TrackedMessage getOrStart(String key, String queueId, Instant time, long line) {
        TrackedMessage m = open.get(key);
        return m != null ? m : start(key, queueId, time, line);
    }

    /** The message's end was logged; it is finished once the settle window has passed. */
    void close(TrackedMessage m, long line) {
        open.remove(m.key, m);
        settling.add(new Closed(m, line));
        settled.put(m.key, m);
    }

    /** Finishes the messages whose settle window has passed. */
    void tick(long line) {
        while (!settling.isEmpty() && settling.peekFirst().line() + SETTLE_LINES < line) finishSettled();
    }

    /** Ends open messages not seen since {@code cutoff} (for logs without an end-of-message line). */
    void closeIdle(Instant cutoff, long line) {
        Iterator<TrackedMessage> it = open.values().iterator();
        while (it.hasNext()) {
            TrackedMessage m = it.next();
            if (!m.lastSeen.isBefore(cutoff)) break; // access order: the rest were seen later
            it.remove();
            settling.add(new Closed(m, line));
            settled.put(m.key, m);
        }
    }

    /** End of input: finishes everything, ended messages first, then those still open. */
    void finishAll() {
        while (!settling.isEmpty()) finishSettled();
        for (TrackedMessage m : open.values().toArray(new TrackedMessage[0])) finisher.accept(m);
        open.clear();
    }

    private void finishSettled() {
        TrackedMessage m = settling.pollFirst().message();
        settled.remove(m.key, m);
        finisher.accept(m);
    }

    /** Open messages finished early because the table was full. */
    long evicted() {
        return evicted;
    }

    int openCount() {
        return open.size();
    }
}
