package io.scatterguard.tools.logaudit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts keys (recipient domains, reasons) with bounded memory. Exact while there are at most
 * {@code capacity} distinct keys; beyond that the rarer half is dropped each time the table
 * doubles (lossy counting), so a key that is frequent overall keeps its place and its count is a
 * lower bound. {@link #approximate()} says whether that happened.
 */
final class TopCounter {
    /** One key and how often it was seen. */
    record Entry(String key, long count) {}

    private final int capacity;
    private final Map<String, long[]> counts = new HashMap<>();
    private boolean approximate;
    private long total;

    TopCounter(int capacity) {
        this.capacity = capacity;
    }

    void add(String key) {
        total++;
        long[] c = counts.get(key);
        if (c != null) {
            c[0]++;
            return;
        }
        counts.put(key, new long[] {1});
        if (counts.size() > 2 * capacity) prune();
    }

    private void prune() {
        List<Map.Entry<String, long[]>> all = new ArrayList<>(counts.entrySet());
        all.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed());
        for (int i = capacity; i < all.size(); i++) counts.remove(all.get(i).getKey());
        approximate = true;
    }

    /** The {@code n} most frequent keys, most frequent first (ties by key, for stable output). */
    List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(new Entry(k, v[0])));
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Distinct keys held (all of them unless {@link #approximate()}). */
    int distinct() {
        return counts.size();
    }

    long total() {
        return total;
    }

    boolean approximate() {
        return approximate;
    }
}
