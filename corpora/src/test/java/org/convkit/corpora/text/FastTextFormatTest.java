package org.convkit.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.convkit.corpora.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTextFormatTest {

    @TempDir
    Path dir;

    @Test
    void readsLabelPrefixAndText() {
        Path file = TestFiles.write(dir.resolve("train.txt"), "__label__2 great\tplot , fine acting\n__label__sports the match\n");
        assertEquals(List.of(new TextExample("great\tplot , fine acting", "2", Split.TRAIN),
                new TextExample("the match", "sports", Split.TRAIN)),
            DelimitedTextFormatTest.read(FastTextFormat.read(file, Split.TRAIN)));
    }

    @Test
    void rejectsMissingSeveralOrEmptyLabelsWithLineNumbers() {
        Path noLabel = TestFiles.write(dir.resolve("a.txt"), "__label__a x\njust text\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(FastTextFormat.read(noLabel, Split.TRAIN)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("__label__"), e.getMessage());
        Path multi = TestFiles.write(dir.resolve("b.txt"), "__label__a __label__b text\n");
        assertTrue(assertThrows(CorpusFormatException.class, () -> DelimitedTextFormatTest.read(FastTextFormat.read(multi, Split.TRAIN)))
            .getMessage().contains("more than one label"));
        Path empty = TestFiles.write(dir.resolve("c.txt"), "__label__ text\n__label__x\n");
        assertEquals(1, assertThrows(CorpusFormatException.class, () -> DelimitedTextFormatTest.read(FastTextFormat.read(empty, Split.TRAIN))).line());
        Path noText = TestFiles.write(dir.resolve("d.txt"), "__label__x   \n");
        assertTrue(assertThrows(CorpusFormatException.class, () -> DelimitedTextFormatTest.read(FastTextFormat.read(noText, Split.TRAIN)))
            .getMessage().contains("no text"));
    }
}
