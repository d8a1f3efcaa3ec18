package org.convkit.text.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.text.LabeledTokens;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.preprocess.TextPreprocessorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDataFormatTest {

    @TempDir
    Path dir;

    @Test
    void parsesAndGuessesFormats() {
        assertEquals(TextDataFormat.TREC_FINE, TextDataFormat.parse("trec-fine"));
        assertEquals(TextDataFormat.FASTTEXT, TextDataFormat.parse("FastText"));
        assertEquals(TextDataFormat.ARFF, TextDataFormat.guess(Path.of("ReutersCorn-train.arff")));
        assertEquals(TextDataFormat.TSV, TextDataFormat.guess(Path.of("train.tsv")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextDataFormat.parse("xml"));
        assertTrue(e.getMessage().contains("tsv, csv, fasttext"), e.getMessage());
    }

    @Test
    void readsTsvAndFastTextAndTokenizesWithThePreprocessor() throws Exception {
        Path tsv = dir.resolve("a.tsv");
        Files.writeString(tsv, "spam\tWIN money now!\nham\tLunch at noon?\n", StandardCharsets.UTF_8);
        List<TextExample> examples = TextDataFormat.TSV.read(tsv, Split.TRAIN);
        assertEquals(2, examples.size());
        List<LabeledTokens> tokens = LabeledTexts.tokenize(examples, new TextPreprocessorRuntime(TextPreprocessor.kim()));
        assertEquals(List.of("win", "money", "now", "!"), List.of(tokens.get(0).tokens()));
        assertEquals("ham", tokens.get(1).label());

        Path ft = dir.resolve("a.ft");
        Files.writeString(ft, "__label__pos great film\n__label__neg dull\n", StandardCharsets.UTF_8);
        assertEquals("neg", TextDataFormat.FASTTEXT.read(ft, Split.TEST).get(1).label());
    }

    @Test
    void reportsTheLineOfAMalformedEntry() throws Exception {
        Path tsv = dir.resolve("bad.tsv");
        Files.writeString(tsv, "spam\tok\nno-tab-here\n", StandardCharsets.UTF_8);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> TextDataFormat.TSV.read(tsv, Split.TRAIN));
        assertTrue(e.getMessage().contains("bad.tsv") && e.getMessage().contains("2"), e.getMessage());
    }
}
