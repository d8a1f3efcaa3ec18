package org.convkit.corpora;

import java.io.PrintStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of examples per key (label, speaker, voice) and split, printed as an aligned table with totals.
 */
public final class CountTable {

    private final String keyName;
    private final Map<String, long[]> counts = new TreeMap<>();

    /**
     * An empty table.
     *
     * @param keyName the heading of the key column, e.g. {@code label}
     */
    public CountTable(String keyName) {
        this.keyName = keyName;
    }

    /**
     * Adds one example.
     *
     * @param key   its key
     * @param split its split
     */
    public void add(String key, Split split) {
        add(key, split, 1);
    }

    /**
     * Adds several examples.
     *
     * @param key   their key
     * @param split their split
     * @param n     how many
     */
    public void add(String key, Split split, long n) {
        counts.computeIfAbsent(key, k -> new long[Split.values().length])[split.ordinal()] += n;
    }

    /**
     * The count for one key and split.
     *
     * @param key   the key
     * @param split the split
     * @return the count, 0 if never added
     */
    public long count(String key, Split split) {
        long[] c = counts.get(key);
        return c == null ? 0 : c[split.ordinal()];
    }

    /**
     * The count for one key over all splits.
     *
     * @param key the key
     * @return the total
     */
    public long total(String key) {
        long[] c = counts.get(key);
        long sum = 0;
        if (c != null) {
            for (long v : c) {
                sum += v;
            }
        }
        return sum;
    }

    /**
     * The count for one split over all keys.
     *
     * @param split the split
     * @return the total
     */
    public long total(Split split) {
        long sum = 0;
        for (long[] c : counts.values()) {
            sum += c[split.ordinal()];
        }
        return sum;
    }

    /**
     * The number of examples.
     *
     * @return the grand total
     */
    public long total() {
        long sum = 0;
        for (Split s : Split.values()) {
            sum += total(s);
        }
        return sum;
    }

    /**
     * The keys in sorted order, with counts per split.
     *
     * @return an unmodifiable view: key to split to count
     */
    public Map<String, Map<Split, Long>> asMap() {
        Map<String, Map<Split, Long>> view = new TreeMap<>();
        counts.forEach((key, c) -> {
            Map<Split, Long> row = new EnumMap<>(Split.class);
            for (Split s : Split.values()) {
                row.put(s, c[s.ordinal()]);
            }
            view.put(key, Collections.unmodifiableMap(row));
        });
        return Collections.unmodifiableMap(view);
    }

    /**
     * The number of distinct keys.
     *
     * @return the row count
     */
    public int size() {
        return counts.size();
    }

    /**
     * Prints the table: one row per key with its train, validation, test and total counts, then a total row.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        int width = Math.max(keyName.length(), 5);
        for (String key : counts.keySet()) {
            width = Math.max(width, key.length());
        }
        String format = "%-" + width + "s %10s %10s %10s %10s%n";
        out.printf(format, keyName, "train", "validation", "test", "total");
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            out.printf(format, e.getKey(), c[0], c[1], c[2], total(e.getKey()));
        }
        out.printf(format, "TOTAL", total(Split.TRAIN), total(Split.VALIDATION), total(Split.TEST), total());
    }
}
