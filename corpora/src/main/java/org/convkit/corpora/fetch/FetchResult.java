package org.convkit.corpora.fetch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convkit.corpora.CountTable;

/**
 * What {@link CorpusFetcher#fetch} produced.
 *
 * @param name      the dataset name ({@code reuters}, {@code spamassassin}, {@code glove-100d})
 * @param directory where it is cached
 * @param cached    true if an earlier fetch was verified and reused
 * @param files     the converted files, by role (e.g. {@code corn-train} to the ARFF file)
 * @param counts    document counts per class and split, by task (e.g. {@code corn}, {@code subject})
 * @param notes     facts about the source and conversion (package version, checksums, exclusions)
 */
public record FetchResult(String name, Path directory, boolean cached, Map<String, Path> files,
                          Map<String, CountTable> counts, List<String> notes) {

    /** Copies the collections. */
    public FetchResult {
        files = Map.copyOf(files);
        counts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts));
        notes = List.copyOf(notes);
    }

    /**
     * Prints where the dataset is, its files, notes and count tables.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.printf("%s: %s%s%n", name, directory, cached ? " (cached, checksums verified)" : "");
        new java.util.TreeMap<>(files).forEach((role, path) -> out.printf("  %-22s %s%n", role, path));
        for (String note : notes) {
            out.println("  " + note);
        }
        counts.forEach((task, table) -> {
            out.println();
            out.println("Documents per class and split, " + task + ":");
            table.print(out);
        });
    }
}
