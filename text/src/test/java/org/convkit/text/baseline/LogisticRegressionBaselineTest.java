package org.convkit.text.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.convkit.text.vocab.VocabularyOptions;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;

class LogisticRegressionBaselineTest {

    private static final List<LabeledTokens> TRAIN = SyntheticTopicSentences.generate(3, 100, 21L);
    private static final List<LabeledTokens> TEST = SyntheticTopicSentences.generate(3, 50, 22L);

    @Test
    void learnsSyntheticTopicsToHighHeldOutAccuracyWithEveryWeighting() {
        for (FeatureWeighting weighting : FeatureWeighting.values()) {
            LogisticRegressionBaseline model = LogisticRegressionBaseline.train(TRAIN,
                LogisticRegressionOptions.defaults().withWeighting(weighting));
            assertEquals(List.of("food", "sport", "weather"), model.labels());
            ClassificationReport report = ClassificationMetrics.evaluate(model, TEST);
            System.out.printf("logistic regression (%s) held-out: accuracy %.4f, macro-F1 %.4f%n",
                weighting, report.accuracy(), report.macroF1());
            assertTrue(report.accuracy() >= 0.95, weighting + " held-out accuracy " + report.accuracy());
        }
    }

    @Test
    void learnsTwoClassTaskWithBinomialModel() {
        List<LabeledTokens> train = SyntheticTopicSentences.generate(2, 100, 23L);
        List<LabeledTokens> test = SyntheticTopicSentences.generate(2, 50, 24L);
        LogisticRegressionBaseline model = LogisticRegressionBaseline.train(train, LogisticRegressionOptions.defaults());
        assertEquals(List.of("food", "sport"), model.labels());
        ClassificationReport report = ClassificationMetrics.evaluate(model, test);
        System.out.printf("logistic regression (binary task) held-out: accuracy %.4f%n", report.accuracy());
        assertTrue(report.accuracy() >= 0.95, "held-out accuracy " + report.accuracy());
        Prediction prediction = model.predict(test.get(0).tokens());
        assertEquals(1.0, prediction.probabilities()[0] + prediction.probabilities()[1], 1e-12);
    }

    @Test
    void sparseFitAgreesWithSmilesDenseLogisticRegression() {
        LogisticRegressionOptions options = LogisticRegressionOptions.defaults().withLambda(1.0);
        LogisticRegressionBaseline model = LogisticRegressionBaseline.train(TRAIN, options);
        BagOfWordsFeatures features = model.features();
        double[][] x = new double[TRAIN.size()][];
        int[] y = new int[TRAIN.size()];
        for (int i = 0; i < TRAIN.size(); i++) {
            x[i] = features.denseFeatures(TRAIN.get(i).tokens());
            y[i] = model.labels().indexOf(TRAIN.get(i).label());
        }
        LogisticRegression dense = LogisticRegression.fit(x, y,
            new LogisticRegression.Options(options.lambda(), options.tolerance(), options.maxIterations()));
        double maxDifference = 0;
        for (LabeledTokens example : TEST) {
            double[] posterior = new double[3];
            int denseLabel = dense.predict(features.denseFeatures(example.tokens()), posterior);
            Prediction prediction = model.predict(example.tokens());
            assertEquals(denseLabel, prediction.labelIndex());
            for (int c = 0; c < 3; c++) {
                maxDifference = Math.max(maxDifference, Math.abs(posterior[c] - prediction.probabilities()[c]));
            }
        }
        System.out.println("sparse vs dense Smile logistic regression: max |p difference| " + maxDifference);
        assertTrue(maxDifference < 1e-3, "max probability difference " + maxDifference);
    }

    @Test
    void sameDataAndOptionsGiveIdenticalModels() {
        LogisticRegressionBaseline first = LogisticRegressionBaseline.train(TRAIN, LogisticRegressionOptions.defaults());
        LogisticRegressionBaseline second = LogisticRegressionBaseline.train(TRAIN, LogisticRegressionOptions.defaults());
        for (LabeledTokens example : TEST) {
            assertArrayEquals(first.predict(example.tokens()).probabilities(),
                second.predict(example.tokens()).probabilities());
        }
    }

    @Test
    void trainsWithEmptyExamplesAndPredictsEmptyInput() {
        List<LabeledTokens> train = new ArrayList<>(TRAIN);
        train.add(new LabeledTokens(new String[0], "sport"));
        train.add(new LabeledTokens(new String[0], "food"));
        LogisticRegressionBaseline lr = LogisticRegressionBaseline.train(train, LogisticRegressionOptions.defaults());
        MaxentBaseline maxent = MaxentBaseline.train(train, new MaxentOptions(20, 1));
        for (Prediction prediction : List.of(lr.predict(new String[0]), maxent.predict(new String[0]))) {
            double sum = 0;
            for (double p : prediction.probabilities()) {
                assertTrue(p > 0 && p < 1, "probability " + p);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void predictsConsistentlyFromEightThreads() throws Exception {
        LogisticRegressionBaseline model = LogisticRegressionBaseline.train(TRAIN, LogisticRegressionOptions.defaults());
        double[][] expected = new double[TEST.size()][];
        for (int i = 0; i < TEST.size(); i++) {
            expected[i] = model.predict(TEST.get(i).tokens()).probabilities();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    double[][] out = new double[TEST.size()][];
                    for (int i = 0; i < TEST.size(); i++) {
                        out[i] = model.predict(TEST.get(i).tokens()).probabilities();
                    }
                    return out;
                }));
            }
            for (Future<double[][]> future : futures) {
                double[][] actual = future.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < TEST.size(); i++) {
                    assertArrayEquals(expected[i], actual[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void featureValuesMatchHandComputation() {
        // Vocabulary: a (2), b (2), c (1) -> features a = 0, b = 1, c = 2. N = 2 sentences,
        // document frequency a 1, b 2, c 1 -> idf a = c = ln(3/2) + 1, b = ln(3/3) + 1 = 1.
        List<LabeledTokens> train = List.of(new LabeledTokens(new String[] {"a", "a", "b"}, "x"),
            new LabeledTokens(new String[] {"b", "c"}, "y"));
        String[] sentence = {"a", "zz", "a", "b"};
        assertArrayEquals(new double[] {2, 1, 0},
            BagOfWordsFeatures.fit(train, FeatureWeighting.COUNT, VocabularyOptions.defaults()).denseFeatures(sentence));
        assertArrayEquals(new double[] {1, 1, 0},
            BagOfWordsFeatures.fit(train, FeatureWeighting.BINARY, VocabularyOptions.defaults()).denseFeatures(sentence));
        // Unnormalised (2 * 1.4054651081081644, 1, 0), Euclidean length 2.9835094570719862; values computed with numpy.
        assertArrayEquals(new double[] {0.9421556246632359, 0.33517574332792605, 0},
            BagOfWordsFeatures.fit(train, FeatureWeighting.TF_IDF, VocabularyOptions.defaults()).denseFeatures(sentence),
            1e-12);
        assertArrayEquals(new double[] {0, 0, 0},
            BagOfWordsFeatures.fit(train, FeatureWeighting.TF_IDF, VocabularyOptions.defaults())
                .denseFeatures(new String[] {"zz"}));
    }

    @Test
    void rejectsVocabularyCutoffThatLeavesNoFeatures() {
        List<LabeledTokens> train = List.of(new LabeledTokens(new String[] {"a"}, "x"),
            new LabeledTokens(new String[] {"b"}, "y"));
        LogisticRegressionOptions options = new LogisticRegressionOptions(FeatureWeighting.BINARY, 0.1, 1e-5, 100,
            new VocabularyOptions(2, Integer.MAX_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LogisticRegressionBaseline.train(train, options));
        assertTrue(e.getMessage().contains("no training word"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogisticRegressionOptions.defaults().withLambda(-1));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegressionOptions.defaults().withLambda(Double.NaN));
    }
}
