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

class DelimitedTextFormatTest {

    @TempDir
    Path dir;

    static List<TextExample> read(Stream<TextExample> s) {
        try (s) {
            return s.toList();
        }
    }

    @Test
    void readsLabelTabText() {
        Path file = TestFiles.write(dir.resolve("a.tsv"), "pos\ta \"fine\" film \n neg \tdull\n");
        assertEquals(List.of(new TextExample("a \"fine\" film", "pos", Split.TRAIN), new TextExample("dull", "neg", Split.TRAIN)),
            read(DelimitedTextFormat.tsv().read(file, Split.TRAIN)));
    }

    @Test
    void readsQuotedCsvWithHeader() {
        Path file = TestFiles.write(dir.resolve("a.csv"), "label,text\nham,\"hello, world\"\nspam,\"win \"\"big\"\"\"\n");
        assertEquals(List.of(new TextExample("hello, world", "ham", Split.TEST), new TextExample("win \"big\"", "spam", Split.TEST)),
            read(DelimitedTextFormat.csv().withHeader(true).read(file, Split.TEST)));
    }

    @Test
    void reportsWrongColumnCountWithLineNumber() {
        Path file = TestFiles.write(dir.resolve("b.tsv"), "pos\tok\nneg\ttoo\tmany\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> read(DelimitedTextFormat.tsv().read(file, Split.TRAIN)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("expected 2 tab-separated columns, found 3"), e.getMessage());
    }

    @Test
    void reportsEmptyTextAndUnclosedQuote() {
        Path empty = TestFiles.write(dir.resolve("c.tsv"), "pos\tok\nneg\t   \n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> read(DelimitedTextFormat.tsv().read(empty, Split.TRAIN)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().endsWith("empty text"));
        Path quote = TestFiles.write(dir.resolve("d.csv"), "a,b\nc,\"open\n");
        assertEquals(2, assertThrows(CorpusFormatException.class, () -> read(DelimitedTextFormat.csv().read(quote, Split.TRAIN))).line());
    }

    @Test
    void readsOtherColumnOrders() {
        Path file = TestFiles.write(dir.resolve("e.tsv"), "text one\t1\ttext-id-7\n");
        DelimitedTextFormat f = new DelimitedTextFormat('\t', false, false, 1, 0, java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(CorpusFormatException.class, () -> read(f.read(file, Split.TRAIN)));
        Path two = TestFiles.write(dir.resolve("f.tsv"), "text one\t1\n");
        assertEquals(List.of(new TextExample("text one", "1", Split.TRAIN)), read(f.read(two, Split.TRAIN)));
    }
}
