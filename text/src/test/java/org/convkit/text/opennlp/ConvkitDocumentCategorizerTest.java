package org.convkit.text.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import opennlp.tools.doccat.DocumentCategorizer;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import org.convkit.text.LabeledTokens;
import org.convkit.text.cnn.ClassWeighting;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.text.cnn.KimClassifier;
import org.convkit.text.cnn.KimCnn;
import org.convkit.text.cnn.KimCnnTrainer;
import org.convkit.text.cnn.KimTrainingSettings;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.vocab.VocabularyOptions;
import org.convkit.train.AdadeltaSettings;
import org.convkit.train.EarlyStopping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConvkitDocumentCategorizerTest {

    static final String[] TEXTS = {
        "The referee gave a penalty!", "Garlic BREAD was really good.", "so the coach and the league",
        "", "Unknown zzyzx words only", "Dessert, soup and bread: dinner today", "it was a match",
        "oven oven oven goal"};
    static KimClassifier model;

    @BeforeAll
    static void train() {
        List<LabeledTokens> train = new ArrayList<>();
        String[][] words = {{"soup", "bread", "garlic", "oven", "dessert"}, {"goal", "match", "referee", "coach", "league"}};
        String[] labels = {"food", "sport"};
        String[] fillers = {"the", "a", "was", "so", "and", "it"};
        for (int i = 0; i < 160; i++) {
            int topic = i % 2;
            train.add(new LabeledTokens(new String[] {fillers[i % 6], words[topic][i % 5], fillers[(i / 6) % 6]},
                labels[topic]));
        }
        KimCnn cnn = new KimCnn(List.of(1, 2), 4, 6, EmbeddingMode.RAND, KimCnn.Activation.RELU, 0.5, 3);
        KimTrainingSettings settings = new KimTrainingSettings(TextPreprocessor.kim(), VocabularyOptions.defaults(), 0,
            30, 10, AdadeltaSettings.kim2014(), 0.2, EarlyStopping.Monitor.VALIDATION_LOSS, 0, ClassWeighting.NONE, 11);
        model = KimCnnTrainer.train(train, null, cnn, settings, null, null).classifier();
    }

    @Test
    void theWrappedModelHasLearnedTheTopics() {
        // So that the equality checks below compare informative scores, not a constant.
        DocumentCategorizer doccat = new ConvkitDocumentCategorizer(model);
        assertEquals("sport", doccat.getBestCategory(doccat.categorize(new String[] {"the", "referee"})));
        assertEquals("food", doccat.getBestCategory(doccat.categorize(new String[] {"the", "garlic"})));
    }

    @Test
    void givesTheSameAnswersAsTheModel() {
        DocumentCategorizer doccat = new ConvkitDocumentCategorizer(model);
        assertEquals(2, doccat.getNumberOfCategories());
        assertEquals("food", doccat.getCategory(0));
        assertEquals(1, doccat.getIndex("sport"));
        assertEquals(-1, doccat.getIndex("weather"));
        for (String text : TEXTS) {
            // Whitespace tokens are the model's own tokenizer output, so the scores must be identical.
            String[] tokens = WhitespaceTokenizer.INSTANCE.tokenize(text);
            double[] p = doccat.categorize(tokens);
            assertArrayEquals(model.predict(text).probabilities(), p, text);
            assertArrayEquals(p, doccat.categorize(tokens, Map.of("ignored", 1)));
            assertEquals(model.predict(text).label(), doccat.getBestCategory(p));
            Map<String, Double> scores = doccat.scoreMap(tokens);
            assertEquals(List.of("food", "sport"), List.copyOf(scores.keySet()));
            assertEquals(p[0], scores.get("food"));
            SortedMap<Double, Set<String>> sorted = doccat.sortedScoreMap(tokens);
            assertEquals(Set.of(doccat.getBestCategory(p)), sorted.get(sorted.lastKey()));
        }
    }

    @Test
    void formatsAllResultsAsOpenNlpDoes() {
        DocumentCategorizer doccat = new ConvkitDocumentCategorizer(model);
        assertEquals("food[0.2500]  sport[0.7500]", doccat.getAllResults(new double[] {0.25, 0.75}));
        assertEquals("food[0.5000]  sport[0.5000]", doccat.getAllResults(new double[] {0.5, 0.5}));
        assertEquals("food", doccat.getBestCategory(new double[] {0.5, 0.5}), "ties go to the lowest index");
        assertThrows(IllegalArgumentException.class, () -> doccat.getBestCategory(new double[] {1}));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> doccat.getCategory(2));
        assertTrue(e.getMessage().contains("[0, 2)"), e.getMessage());
        assertThrows(NullPointerException.class, () -> doccat.categorize((String[]) null));
    }

    @Test
    void survivesConcurrentCallsFromEightThreads() throws Exception {
        DocumentCategorizer doccat = new ConvkitDocumentCategorizer(model);
        List<String[]> inputs = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int r = 0; r < 25; r++) {
            for (String text : TEXTS) {
                String[] tokens = WhitespaceTokenizer.INSTANCE.tokenize(text + (r % 3 == 0 ? "" : " goal".repeat(r % 4)));
                inputs.add(tokens);
                expected.add(doccat.categorize(tokens));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int k = 0; k < inputs.size(); k++) {
                        int i = (k + offset * 17) % inputs.size();
                        double[] p = doccat.categorize(inputs.get(i));
                        if (!java.util.Arrays.equals(expected.get(i), p)) {
                            throw new AssertionError("thread " + offset + " input " + i + " got "
                                + java.util.Arrays.toString(p) + ", single-threaded "
                                + java.util.Arrays.toString(expected.get(i)));
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                assertEquals(inputs.size(), f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
