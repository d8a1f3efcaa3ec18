package org.convkit.corpora.synth;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.convkit.corpora.CorpusStats;

/**
 * What a build of the synthetic corpus produced (or found in its cache).
 *
 * @param directory      the corpus directory, in Speech Commands layout
 * @param cached         true if an existing build with the same settings was reused
 * @param contentHash    the settings hash the build is keyed by
 * @param clips          number of word clips
 * @param speakers       number of speakers
 * @param truncatedClips clips whose spoken part was longer than 1 s and was cut to the middle second
 * @param buildSeconds   wall-clock time of the build that made the directory, in seconds
 * @param tools          engine name to the version it printed
 * @param stats          counts per word, voice and split, read back from the directory
 */
public record SyntheticCorpusReport(Path directory, boolean cached, String contentHash, int clips, int speakers,
                                    int truncatedClips, double buildSeconds, Map<String, String> tools,
                                    CorpusStats stats) {

    /**
     * Prints a summary and the count tables.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.printf("synthetic keyword corpus %s%s%n", directory, cached ? " (cached)" : "");
        out.printf("%d clips, %d speakers, %d truncated, built in %.1f s, settings %s%n", clips, speakers,
            truncatedClips, buildSeconds, contentHash.substring(0, 12));
        tools.forEach((k, v) -> out.printf("  %s: %s%n", k, v));
        out.println();
        stats.print(out);
    }
}
