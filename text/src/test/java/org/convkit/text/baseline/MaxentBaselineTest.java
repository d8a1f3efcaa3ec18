package org.convkit.text.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.eval.ClassificationMetrics;
import org.convkit.text.eval.ClassificationReport;
import org.junit.jupiter.api.Test;

class MaxentBaselineTest {

    private static final List<LabeledTokens> TRAIN = SyntheticTopicSentences.generate(3, 100, 11L);
    private static final List<LabeledTokens> TEST = SyntheticTopicSentences.generate(3, 50, 12L);

    @Test
    void learnsSyntheticTopicsToHighHeldOutAccuracy() {
        MaxentBaseline model = MaxentBaseline.train(TRAIN, new MaxentOptions(100, 1));
        assertEquals(List.of("food", "sport", "weather"), model.labels());
        ClassificationReport report = ClassificationMetrics.evaluate(model, TEST);
        System.out.printf("maxent held-out: accuracy %.4f, macro-F1 %.4f (train %d, test %d)%n",
            report.accuracy(), report.macroF1(), TRAIN.size(), TEST.size());
        assertTrue(report.accuracy() >= 0.95, "held-out accuracy " + report.accuracy());
        for (LabeledTokens example : TEST.subList(0, 10)) {
            Prediction prediction = model.predict(example.tokens());
            double sum = 0;
            for (double p : prediction.probabilities()) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(model.labels().get(prediction.labelIndex()), prediction.label());
        }
    }

    @Test
    void sameDataAndOptionsGiveIdenticalModels() {
        MaxentBaseline first = MaxentBaseline.train(TRAIN, new MaxentOptions(50, 2));
        MaxentBaseline second = MaxentBaseline.train(TRAIN, new MaxentOptions(50, 2));
        for (LabeledTokens example : TEST) {
            assertArrayEquals(first.predict(example.tokens()).probabilities(),
                second.predict(example.tokens()).probabilities());
        }
    }

    @Test
    void cutoffDropsFeaturesSeenInFewerEvents() {
        // "zyx" appears in 3 training events, all of one label.
        List<LabeledTokens> train = new ArrayList<>(TRAIN);
        for (int i = 0; i < 3; i++) {
            train.add(new LabeledTokens(new String[] {"zyx"}, "food"));
        }
        MaxentBaseline cutoff4 = MaxentBaseline.train(train, new MaxentOptions(30, 4));
        assertArrayEquals(cutoff4.predict(new String[0]).probabilities(),
            cutoff4.predict(new String[] {"zyx"}).probabilities());
        MaxentBaseline cutoff3 = MaxentBaseline.train(train, new MaxentOptions(30, 3));
        double[] withFeature = cutoff3.predict(new String[] {"zyx"}).probabilities();
        assertNotEquals(cutoff3.predict(new String[0]).probabilities()[0], withFeature[0]);
        assertEquals(0, cutoff3.predict(new String[] {"zyx"}).labelIndex()); // "food"
    }

    @Test
    void predictsConsistentlyFromEightThreads() throws Exception {
        MaxentBaseline model = MaxentBaseline.train(TRAIN, new MaxentOptions(30, 1));
        List<double[]> expected = new ArrayList<>();
        for (LabeledTokens example : TEST) {
            expected.add(model.predict(example.tokens()).probabilities());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<double[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<double[]> out = new ArrayList<>();
                    for (LabeledTokens example : TEST) {
                        out.add(model.predict(example.tokens()).probabilities());
                    }
                    return out;
                }));
            }
            for (Future<List<double[]>> future : futures) {
                List<double[]> actual = future.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), actual.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsTrainingWithASingleLabel() {
        List<LabeledTokens> oneLabel = List.of(new LabeledTokens(new String[] {"a"}, "x"),
            new LabeledTokens(new String[] {"b"}, "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MaxentBaseline.train(oneLabel, MaxentOptions.defaults()));
        assertTrue(e.getMessage().contains("at least 2 distinct labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaxentBaseline.train(List.of(), MaxentOptions.defaults()));
    }
}
