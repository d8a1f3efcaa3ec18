package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache path of the fetcher, on a dataset directory laid out as a real fetch leaves it. */
class CorpusFetcherTest {

    @TempDir
    Path data;

    @Test
    void reusesAVerifiedCacheAndReportsDamage() throws Exception {
        Path dir = data.resolve("reuters");
        String[] names = {"ReutersCorn-train.arff", "ReutersCorn-test.arff", "ReutersGrain-train.arff", "ReutersGrain-test.arff"};
        int[][] sizes = {{2, 5}, {1, 2}, {3, 4}, {1, 1}};
        for (int i = 0; i < 4; i++) {
            TestFiles.write(dir.resolve(names[i]), ReutersDatasetTest.arff(sizes[i][0], sizes[i][1]));
        }
        TestFiles.write(dir.resolve("fetch.json"), "{\"dataset\":\"reuters\",\"notes\":[\"source: test\"]}");
        ChecksumManifest.write(dir);

        FetchResult result = new CorpusFetcher(null).fetch("reuters", data);
        assertTrue(result.cached());
        assertEquals(dir, result.directory());
        assertEquals(2, result.counts().get("corn").count("1", Split.TRAIN));
        assertEquals(7, result.counts().get("grain").total(Split.TRAIN));
        assertEquals("source: test", result.notes().get(0));
        assertEquals("5 files verified against SHA256SUMS", result.notes().get(1));

        TestFiles.write(dir.resolve(names[2]), ReutersDatasetTest.arff(3, 5));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> new CorpusFetcher(null).fetch("reuters", data));
        assertTrue(e.getMessage().contains("ReutersGrain-train.arff") && e.getMessage().contains("delete"), e.getMessage());
    }

    @Test
    void refusesAnUnfinishedDirectoryAndUnknownNames() throws Exception {
        Files.createDirectories(data.resolve("spamassassin"));
        assertThrows(IllegalStateException.class, () -> new CorpusFetcher(null).fetch("spamassassin", data));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CorpusFetcher(null).fetch("mnist", data));
        assertTrue(e.getMessage().contains("[reuters, spamassassin, glove-100d]"), e.getMessage());
    }
}
