package org.convkit.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.convkit.corpora.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sst2FormatTest {

    @TempDir
    Path dir;

    @Test
    void readsGlueTrainAndDev() {
        TestFiles.write(dir.resolve("train.tsv"), "sentence\tlabel\nhide new secretions from the parental units \t0\n"
            + "contains no wit , only labored gags \t0\nthat loves its characters \t1\n");
        TestFiles.write(dir.resolve("dev.tsv"), "sentence\tlabel\nit 's a charming and often affecting journey . \t1\n");
        List<TextExample> all;
        try (Stream<TextExample> s = Sst2Format.corpus(dir)) {
            all = s.toList();
        }
        assertEquals(4, all.size());
        assertEquals(new TextExample("hide new secretions from the parental units", "0", Split.TRAIN), all.get(0));
        assertEquals(new TextExample("it 's a charming and often affecting journey .", "1", Split.VALIDATION), all.get(3));
    }

    @Test
    void rejectsBadHeaderAndLabelsWithLineNumbers() {
        Path test = TestFiles.write(dir.resolve("test.tsv"), "index\tsentence\n0\tuneasy mishmash of styles and genres .\n");
        CorpusFormatException header = assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(Sst2Format.read(test, Split.TEST)));
        assertEquals(1, header.line());
        assertTrue(header.getMessage().contains("use sentences()"), header.getMessage());
        try (Stream<String> s = Sst2Format.sentences(test)) {
            assertEquals(List.of("uneasy mishmash of styles and genres ."), s.toList());
        }
        Path bad = TestFiles.write(dir.resolve("bad.tsv"), "sentence\tlabel\ngood\t1\nbad\tpositive\n");
        CorpusFormatException label = assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(Sst2Format.read(bad, Split.TRAIN)));
        assertEquals(3, label.line());
        assertTrue(label.getMessage().contains("expected 0 or 1"));
        assertThrows(CorpusFormatException.class, () -> Sst2Format.corpus(dir.resolve("missing")));
    }
}
