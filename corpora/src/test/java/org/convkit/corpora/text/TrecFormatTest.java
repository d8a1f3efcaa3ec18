package org.convkit.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.convkit.corpora.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecFormatTest {

    @TempDir
    Path dir;

    @Test
    void readsCoarseAndFineLabelsFromLatin1() {
        byte[] bytes = ("DESC:manner How did serfdom develop in and then leave Russia ?\n"
            + "NUM:other What is the population of Gda\u00f1sk ?\r\n"
            + "ENTY:other What is a Pok\u00e9mon ?\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = TestFiles.write(dir.resolve("train_5500.label"), bytes);
        List<TextExample> coarse = DelimitedTextFormatTest.read(TrecFormat.read(file, Split.TRAIN, TrecFormat.Granularity.COARSE));
        assertEquals(List.of("DESC", "NUM", "ENTY"), coarse.stream().map(TextExample::label).toList());
        assertEquals("What is the population of Gda\u00f1sk ?", coarse.get(1).text());
        List<TextExample> fine = DelimitedTextFormatTest.read(TrecFormat.read(file, Split.TEST, TrecFormat.Granularity.FINE));
        assertEquals(List.of("DESC:manner", "NUM:other", "ENTY:other"), fine.stream().map(TextExample::label).toList());
    }

    @Test
    void rejectsMalformedLabelsWithLineNumbers() {
        Path noColon = TestFiles.write(dir.resolve("a.label"), "HUM:ind Who ?\nWho wrote Hamlet ?\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(TrecFormat.read(noColon, Split.TRAIN, TrecFormat.Granularity.COARSE)));
        assertEquals(2, e.line());
        Path unknown = TestFiles.write(dir.resolve("b.label"), "PERSON:ind Who ?\n");
        assertTrue(assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(TrecFormat.read(unknown, Split.TRAIN, TrecFormat.Granularity.FINE)))
            .getMessage().contains("unknown coarse class 'PERSON'"));
        Path empty = TestFiles.write(dir.resolve("c.label"), "LOC:city\n");
        assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(TrecFormat.read(empty, Split.TRAIN, TrecFormat.Granularity.FINE)));
    }
}
