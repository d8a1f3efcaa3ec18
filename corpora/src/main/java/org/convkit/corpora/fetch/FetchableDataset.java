package org.convkit.corpora.fetch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convkit.corpora.CountTable;

/** One dataset {@link CorpusFetcher} knows how to fetch and convert. */
interface FetchableDataset {

    /** The name used on the command line. */
    String name();

    /**
     * Downloads the source into {@code scratch}, verifies it and writes the converted files into {@code target}.
     *
     * @return notes on provenance and conversion, kept with the data
     */
    List<String> fetchInto(Path scratch, Path target, PrintStream progress) throws java.io.IOException;

    /** The converted files by role. */
    Map<String, Path> files(Path directory);

    /** Document counts per task, class and split, read back from the converted files. */
    Map<String, CountTable> counts(Path directory);
}
