package org.convkit.audio.kws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.convkit.audio.features.FeatureNormalisation;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.corpora.Split;
import org.convkit.corpora.speech.SpeechCommandsTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KwsDatasetTest {

    @TempDir
    static Path dir;
    static KwsCorpus corpus;
    static KwsFrontEnd raw;

    @BeforeAll
    static void writeCorpus() throws IOException {
        ToneCorpus.write(dir.resolve("c"), 1);
        corpus = KwsCorpus.open(dir.resolve("c"), new SpeechCommandsTask(List.of("yes", "no"), 10, 10, 59185));
        raw = new KwsFrontEnd("mfcc", FeatureSettings.defaults(), null, 16000);
    }

    @Test
    void readsTheTaskLabelsAndSplits() {
        assertEquals(List.of("_silence_", "_unknown_", "yes", "no"), corpus.labels());
        assertEquals(KwsCorpus.Kind.SPEECH_COMMANDS, corpus.kind());
        // 12 train speakers x 1 take x 2 keywords = 24, plus ceil(2.4) = 3 unknown and 3 silence.
        assertEquals(30, corpus.examples(Split.TRAIN).size());
        assertEquals(6 + 1 + 1, corpus.examples(Split.TEST).size());
    }

    @Test
    void augmentationKeepsLengthsAndLabels() {
        KwsDataset fixed = KwsDataset.fixed(corpus, Split.TRAIN, raw, corpus.labels(), null);
        KwsDataset aug = KwsDataset.augmented(corpus, Split.TRAIN, raw, corpus.labels(),
                KwsAugmentation.tensorFlowDefaults(), 5, 0);
        assertEquals(fixed.size(), aug.size());
        assertEquals(List.of(1, 101, 40), Arrays.stream(aug.inputShape().dims()).boxed().toList());
        int n = aug.inputShape().size();
        float[] a = new float[n + 2];
        float[] f = new float[n];
        int changed = 0;
        for (int i = 0; i < aug.size(); i++) {
            assertEquals(fixed.label(i), aug.label(i), "label of example " + i);
            assertEquals(corpus.labels().indexOf(aug.examples().get(i).label()), aug.label(i));
            Arrays.fill(a, Float.NaN);
            aug.copyInput(i, a, 1);
            assertTrue(Float.isNaN(a[0]) && Float.isNaN(a[n + 1]), "writes exactly inputShape().size() values");
            for (int j = 1; j <= n; j++) {
                assertTrue(Float.isFinite(a[j]));
            }
            fixed.copyInput(i, f, 0);
            if (!Arrays.equals(Arrays.copyOfRange(a, 1, n + 1), f)) {
                changed++;
            }
        }
        assertTrue(changed >= aug.size() / 2, "augmentation changed only " + changed + " of " + aug.size());
    }

    @Test
    void augmentationIsFixedBySeedAndEpoch() {
        KwsDataset a = KwsDataset.augmented(corpus, Split.TRAIN, raw, corpus.labels(), KwsAugmentation.tensorFlowDefaults(), 5, 0);
        KwsDataset b = KwsDataset.augmented(corpus, Split.TRAIN, raw, corpus.labels(), KwsAugmentation.tensorFlowDefaults(), 5, 0);
        int n = a.inputShape().size();
        float[] x = new float[n];
        float[] y = new float[n];
        a.copyInput(3, x, 0);
        b.copyInput(3, y, 0);
        assertArrayEquals(x, y);
        b.copyInput(3, y, 0);
        assertArrayEquals(x, y, "same index, same epoch: same values");
        b.setEpoch(1);
        b.copyInput(3, y, 0);
        assertFalse(Arrays.equals(x, y), "a new epoch draws new augmentation");
    }

    @Test
    void epochSubsetsAreSeededSubsetsOfTheSplit() {
        KwsDataset a = KwsDataset.augmented(corpus, Split.TRAIN, raw, corpus.labels(), KwsAugmentation.none(), 5, 8);
        assertEquals(8, a.size());
        int[] e0 = labels(a);
        a.setEpoch(1);
        a.setEpoch(0);
        assertArrayEquals(e0, labels(a));
    }

    private static int[] labels(KwsDataset d) {
        int[] l = new int[d.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.label(i);
        }
        return l;
    }

    @Test
    void normalisedFeaturesEqualTheModelFrontEndBitForBit() throws IOException {
        KwsDataset fixed = KwsDataset.fixed(corpus, Split.TRAIN, raw, corpus.labels(), null);
        KwsFrontEnd global = new KwsFrontEnd("mfcc", FeatureSettings.defaults().withNormalisation(FeatureNormalisation.GLOBAL),
                fixed.measureStatistics(), 16000);
        KwsDataset norm = fixed.withStatistics(global);
        int n = norm.inputShape().size();
        float[] viaDataset = new float[n];
        for (int i = 0; i < norm.size(); i++) {
            if (norm.examples().get(i).label().equals("_silence_")) {
                continue;
            }
            norm.copyInput(i, viaDataset, 0);
            float[] samples = org.convkit.audio.io.AudioReader.readMono(norm.examples().get(i).path(), 16000);
            float[] viaExtractor = new float[n];
            global.newExtractor().compute(Arrays.copyOf(samples, 16000), viaExtractor);
            assertArrayEquals(viaExtractor, viaDataset, "example " + i);
        }
        double[] m = global.statistics().mean();
        assertEquals(40, m.length);
    }

    @Test
    void rejectsAnExampleWhoseLabelTheModelDoesNotKnow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KwsDataset.fixed(corpus, Split.TRAIN, raw, List.of("_silence_", "_unknown_", "yes"), null));
        assertTrue(e.getMessage().contains("'no'") && e.getMessage().contains(".wav"), e.getMessage());
    }
}
