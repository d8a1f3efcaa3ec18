package org.convkit.corpora.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorReaderTest {

    @TempDir
    Path dir;

    static final String GLOVE = "the 0.418 0.24968 -0.41242\n"
        + ", 0.013441 0.23682 -0.16899\n"
        + "cat 0.45281 -0.50108 -0.53714\n"
        + ". . . 0.1 0.2 0.3\n"
        + "dog 0.11008 -0.38781 -0.57615\n";

    @Test
    void readsOnlyTheRequestedGloveWordsAndReportsCoverage() {
        Path file = TestFiles.write(dir.resolve("glove.3d.txt"), GLOVE);
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Format.GLOVE_TEXT, List.of("cat", "dog", "unicorn", "cat", ". . ."));
        assertEquals(3, v.dimension());
        assertEquals(4, v.requested());
        assertEquals(3, v.found());
        assertEquals(0.75, v.coverage(), 1e-12);
        assertEquals(List.of("unicorn"), v.missing());
        assertEquals(List.of("cat", "dog", ". . ."), v.words());
        assertEquals(5, v.wordsInFile());
        assertArrayEquals(new float[] {0.45281f, -0.50108f, -0.53714f}, v.vector("cat"));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, v.vector(". . ."));
        assertFalse(v.contains("the"));
        float[] matrix = new float[6];
        assertTrue(v.copyInto("dog", matrix, 3));
        assertFalse(v.copyInto("unicorn", matrix, 0));
        assertArrayEquals(new float[] {0, 0, 0, 0.11008f, -0.38781f, -0.57615f}, matrix);
        assertEquals("3 of 4 words found (75.0 %), dimension 3, 5 vectors in file", v.coverageSummary());
    }

    @Test
    void reportsMalformedGloveLinesWithTheirNumbers() {
        Path shortLine = TestFiles.write(dir.resolve("a.txt"), "the 1 2 3\ncat 1 2\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(shortLine, WordVectorReader.Format.GLOVE_TEXT, List.of("cat")));
        assertEquals(2, e.line());
        Path notNumber = TestFiles.write(dir.resolve("b.txt"), "the 1 2 3\ncat 1 x 3\n");
        CorpusFormatException n = assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(notNumber, WordVectorReader.Format.GLOVE_TEXT, List.of("cat")));
        assertTrue(n.getMessage().contains(":2: component 2 of 'cat' is 'x'"), n.getMessage());
        Path nan = TestFiles.write(dir.resolve("c.txt"), "cat 1 NaN 3\n");
        assertTrue(assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(nan, WordVectorReader.Format.GLOVE_TEXT, List.of("cat"))).getMessage().contains("not finite"));
    }

    @Test
    void readsFastTextVecWithHeaderAndTrailingSpaces() {
        Path file = TestFiles.write(dir.resolve("wiki.vec"), "3 2\nthe 0.1 0.2 \nnaïve -1.5 2e-3 \ncat 3 4 \n");
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Format.FASTTEXT_VEC, List.of("naïve", "cat"));
        assertEquals(2, v.dimension());
        assertArrayEquals(new float[] {-1.5f, 0.002f}, v.vector("naïve"));
        Path wrongCount = TestFiles.write(dir.resolve("bad.vec"), "4 2\nthe 0.1 0.2\n");
        assertTrue(assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(wrongCount, WordVectorReader.Format.FASTTEXT_VEC, List.of("the")))
            .getMessage().contains("declares 4 vectors but the file has 1"));
        Path badHeader = TestFiles.write(dir.resolve("noheader.vec"), "the 0.1 0.2\n");
        assertEquals(1, assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(badHeader, WordVectorReader.Format.FASTTEXT_VEC, List.of("the"))).line());
    }

    static byte[] word2vec(String header, List<String> words, float[][] vectors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < words.size(); i++) {
            out.writeBytes((words.get(i) + " ").getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(4 * vectors[i].length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : vectors[i]) {
                b.putFloat(f);
            }
            out.writeBytes(b.array());
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Test
    void readsWord2VecBinaryPlainAndGzipped() throws IOException {
        byte[] bytes = word2vec("3 4\n", List.of("</s>", "New_York", "Köln"),
            new float[][] {{1, 2, 3, 4}, {0.5f, -0.25f, 8, 1e-3f}, {-1, -2, -3, -4}});
        Path file = TestFiles.write(dir.resolve("vectors.bin"), bytes);
        WordVectors v = WordVectorReader.read(file, WordVectorReader.Format.WORD2VEC_BINARY, List.of("Köln", "New_York", "new_york"));
        assertEquals(4, v.dimension());
        assertEquals(2, v.found());
        assertEquals(3, v.wordsInFile());
        assertArrayEquals(new float[] {0.5f, -0.25f, 8, 1e-3f}, v.vector("New_York"));
        assertArrayEquals(new float[] {-1, -2, -3, -4}, v.vector("Köln"));
        Path gz = dir.resolve("vectors.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        assertArrayEquals(new float[] {-1, -2, -3, -4},
            WordVectorReader.read(gz, WordVectorReader.Format.WORD2VEC_BINARY, List.of("Köln")).vector("Köln"));
        Path truncated = TestFiles.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertTrue(assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(truncated, WordVectorReader.Format.WORD2VEC_BINARY, List.of("x")))
            .getMessage().contains("truncated inside the vector of entry 3"));
        byte[] nan = word2vec("1 2\n", List.of("bad"), new float[][] {{Float.NaN, 1}});
        Path nanFile = TestFiles.write(dir.resolve("nan.bin"), nan);
        assertTrue(assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(nanFile, WordVectorReader.Format.WORD2VEC_BINARY, List.of("bad")))
            .getMessage().contains("entry 1 ('bad'): component 1 is not finite"));
    }

    @Test
    void readsAMemberOfAZipAndKeepsTheFirstOfDuplicates() throws IOException {
        Path zip = dir.resolve("glove.6B.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("glove.6B.50d.txt"));
            out.write("cat 9 9 9\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("glove.6B.3d.txt"));
            out.write((GLOVE + "cat 7 7 7\n").getBytes(StandardCharsets.UTF_8));
        }
        WordVectors v = WordVectorReader.read(zip, "glove.6B.3d.txt", WordVectorReader.Format.GLOVE_TEXT, List.of("cat"));
        assertArrayEquals(new float[] {0.45281f, -0.50108f, -0.53714f}, v.vector("cat"));
        assertEquals(1, v.duplicates());
        assertThrows(CorpusFormatException.class,
            () -> WordVectorReader.read(zip, "glove.6B.300d.txt", WordVectorReader.Format.GLOVE_TEXT, List.of("cat")));
    }
}
