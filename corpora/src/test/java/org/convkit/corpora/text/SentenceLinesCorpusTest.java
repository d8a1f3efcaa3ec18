package org.convkit.corpora.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.convkit.corpora.TextExample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceLinesCorpusTest {

    @TempDir
    Path dir;

    @BeforeEach
    void makeMovieReviews() {
        StringBuilder pos = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            pos.append("positive sentence ").append(i).append(i == 4 ? " caf\u00e9 " : " ").append('\n');
        }
        StringBuilder neg = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            neg.append("negative sentence ").append(i).append('\n');
        }
        TestFiles.write(dir.resolve("rt-polarity.pos"), pos.toString().getBytes(StandardCharsets.ISO_8859_1));
        TestFiles.write(dir.resolve("rt-polarity.neg"), neg.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsBothClassesAsLatin1() {
        List<TextExample> all = DelimitedTextFormatTest.read(SentenceLinesCorpus.movieReview(dir).examples());
        assertEquals(40, all.size());
        assertEquals(new TextExample("positive sentence 4 caf\u00e9", "positive", Split.TRAIN), all.get(4));
        assertEquals("negative", all.get(39).label());
    }

    @Test
    void dealsStratifiedFoldsOfEqualSize() {
        CrossValidationFolds folds = SentenceLinesCorpus.movieReview(dir).folds(10, SentenceLinesCorpus.DEFAULT_SEED);
        // 23 positive dealt to 10 folds: 3,3,3,2,...; 17 negative: 2 x7, 1 x3
        assertArrayEquals(new int[] {5, 5, 5, 4, 4, 4, 4, 3, 3, 3}, folds.sizes());
        Map<String, Integer> testedIn = new HashMap<>();
        for (int f = 0; f < 10; f++) {
            List<TextExample> round = DelimitedTextFormatTest.read(folds.round(f));
            assertEquals(40, round.size());
            long test = round.stream().filter(e -> e.split() == Split.TEST).count();
            assertEquals(folds.sizes()[f], test);
            for (TextExample e : round) {
                if (e.split() == Split.TEST) {
                    assertEquals(null, testedIn.put(e.text(), f), "each sentence is tested once");
                }
            }
        }
        assertEquals(40, testedIn.size());
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        SentenceLinesCorpus mr = SentenceLinesCorpus.movieReview(dir);
        assertEquals(assignment(mr.folds(10, 3435)), assignment(mr.folds(10, 3435)));
        assertNotEquals(assignment(mr.folds(10, 3435)), assignment(mr.folds(10, 1)));
    }

    private static List<Integer> assignment(CrossValidationFolds folds) {
        List<Integer> a = new ArrayList<>();
        for (int line = 1; line <= 23; line++) {
            a.add(folds.foldOf("positive", line));
        }
        for (int line = 1; line <= 17; line++) {
            a.add(folds.foldOf("negative", line));
        }
        return a;
    }

    @Test
    void rejectsEmptyLinesAndMissingFiles() {
        TestFiles.write(dir.resolve("mpqa.pos"), "good\n\nfine\n");
        TestFiles.write(dir.resolve("mpqa.neg"), "bad\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> DelimitedTextFormatTest.read(SentenceLinesCorpus.mpqa(dir).examples()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("mpqa.pos:2"));
        CorpusFormatException missing = assertThrows(CorpusFormatException.class, () -> SentenceLinesCorpus.subjectivity(dir));
        assertTrue(missing.getMessage().contains("quote.tok.gt9.5000"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SentenceLinesCorpus.movieReview(dir).folds(1, 0));
    }

    @Test
    void namesTheClassesOfEachCorpus() {
        TestFiles.write(dir.resolve("quote.tok.gt9.5000"), "i loved it\n");
        TestFiles.write(dir.resolve("plot.tok.gt9.5000"), "he leaves town\n");
        TestFiles.write(dir.resolve("custrev.pos"), "works well\n");
        TestFiles.write(dir.resolve("custrev.neg"), "broke\n");
        assertEquals(List.of("subjective", "objective"), List.copyOf(SentenceLinesCorpus.subjectivity(dir).files().keySet()));
        assertEquals(List.of("positive", "negative"), List.copyOf(SentenceLinesCorpus.customerReviews(dir).files().keySet()));
    }
}
