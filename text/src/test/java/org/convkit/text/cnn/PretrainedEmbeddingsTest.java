package org.convkit.text.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convkit.corpora.vectors.WordVectorReader;
import org.convkit.corpora.vectors.WordVectors;
import org.convkit.text.vocab.Vocabulary;
import org.convkit.text.vocab.VocabularyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedEmbeddingsTest {

    @TempDir
    Path dir;

    @Test
    void copiesKnownRowsZeroesPaddingAndMatchesVarianceForMissingWords() throws Exception {
        // Pretrained components 1, -1, 3, 1: mean 1, sample variance (0 + 4 + 4 + 0) / 3 = 8/3,
        // so U(-a, a) with a^2 / 3 = 8/3 gives a = sqrt(8) = 2.8284271.
        Path file = dir.resolve("v.txt");
        Files.writeString(file, "cat 1 -1\ndog 3 1\nunused 100 100\n", StandardCharsets.UTF_8);
        List<String[]> sentences = new ArrayList<>();
        sentences.add(new String[] {"cat", "dog", "emu"});
        List<String> manyMissing = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            manyMissing.add("w" + i);
        }
        sentences.add(manyMissing.toArray(new String[0]));
        Vocabulary vocabulary = Vocabulary.build(sentences, VocabularyOptions.defaults());
        WordVectors vectors = WordVectorReader.read(file, WordVectorReader.Format.GLOVE_TEXT, vocabulary.words());
        PretrainedEmbeddings table = PretrainedEmbeddings.build(vocabulary, vectors, 7);

        assertEquals(vocabulary.size(), table.vocabSize());
        assertEquals(2, table.dim());
        assertEquals(2, table.found());
        assertEquals(Math.sqrt(8), table.randomBound(), 1e-12);
        float[] w = table.weights();
        assertArrayEquals(new float[] {0, 0}, new float[] {w[0], w[1]}, "padding row");
        int cat = vocabulary.id("cat");
        int dog = vocabulary.id("dog");
        assertArrayEquals(new float[] {1, -1}, new float[] {w[cat * 2], w[cat * 2 + 1]});
        assertArrayEquals(new float[] {3, 1}, new float[] {w[dog * 2], w[dog * 2 + 1]});

        double sumSquares = 0;
        int n = 0;
        for (int id = 1; id < vocabulary.size(); id++) {
            if (id == cat || id == dog) {
                continue;
            }
            for (int d = 0; d < 2; d++) {
                float v = w[id * 2 + d];
                assertTrue(Math.abs(v) <= Math.sqrt(8), "row " + id + " value " + v);
                sumSquares += v * v;
                n++;
            }
        }
        // 8002 draws of U(-a, a): the mean square is 8/3 give or take about 1 %.
        assertEquals(8.0 / 3, sumSquares / n, 0.08);
    }

    @Test
    void sameSeedSameTable() throws Exception {
        Path file = dir.resolve("v.txt");
        Files.writeString(file, "cat 1 -1\n", StandardCharsets.UTF_8);
        Vocabulary vocabulary = Vocabulary.build(List.<String[]>of(new String[] {"cat", "x", "y"}),
            VocabularyOptions.defaults());
        WordVectors vectors = WordVectorReader.read(file, WordVectorReader.Format.GLOVE_TEXT, vocabulary.words());
        assertArrayEquals(PretrainedEmbeddings.build(vocabulary, vectors, 3).weights(),
            PretrainedEmbeddings.build(vocabulary, vectors, 3).weights());
    }
}
