package org.convkit.text.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final List<String> LABELS = List.of("neg", "neu", "pos", "other");

    /*
     * Rows gold, columns predicted. Worked by hand:
     *   column sums (predicted counts): neg 8, neu 6, pos 6, other 0; row sums (support): 6, 6, 6, 2.
     *   precision: neg 5/8, neu 3/6, pos 4/6, other 0 (never predicted)
     *   recall:    neg 5/6, neu 3/6, pos 4/6, other 0/2
     *   F1 = 2tp / (2tp + fp + fn): neg 10/14 = 5/7, neu 6/12 = 1/2, pos 8/12 = 2/3, other 0
     *   accuracy = (5 + 3 + 4 + 0) / 20 = 3/5
     *   macro-F1 = (5/7 + 1/2 + 2/3 + 0) / 4 = (60 + 42 + 56) / 84 / 4 = 158/336 = 79/168
     */
    private static final int[][] CONFUSION = {
        {5, 1, 0, 0},
        {2, 3, 1, 0},
        {0, 2, 4, 0},
        {1, 0, 1, 0}};

    /** Expands the confusion matrix into gold/predicted pairs in a seeded random order. */
    private static int[][] pairs() {
        List<int[]> list = new ArrayList<>();
        for (int g = 0; g < CONFUSION.length; g++) {
            for (int p = 0; p < CONFUSION.length; p++) {
                for (int n = 0; n < CONFUSION[g][p]; n++) {
                    list.add(new int[] {g, p});
                }
            }
        }
        Collections.shuffle(list, new Random(7));
        int[] gold = new int[list.size()];
        int[] predicted = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            gold[i] = list.get(i)[0];
            predicted[i] = list.get(i)[1];
        }
        return new int[][] {gold, predicted};
    }

    @Test
    void matchesHandWorkedConfusionMatrix() {
        int[][] pairs = pairs();
        ClassificationReport report = ClassificationMetrics.evaluate(pairs[0], pairs[1], LABELS);
        for (int g = 0; g < CONFUSION.length; g++) {
            assertArrayEquals(CONFUSION[g], report.confusion()[g]);
        }
        assertEquals(3.0 / 5, report.accuracy(), 1e-15);
        assertEquals(79.0 / 168, report.macroF1(), 1e-15);
        assertEquals(List.of("neg", "neu", "pos", "other"), List.copyOf(report.perClass().keySet()));
        assertScores(report.perClass().get("neg"), 5.0 / 8, 5.0 / 6, 5.0 / 7, 6);
        assertScores(report.perClass().get("neu"), 0.5, 0.5, 0.5, 6);
        assertScores(report.perClass().get("pos"), 4.0 / 6, 4.0 / 6, 2.0 / 3, 6);
        assertScores(report.perClass().get("other"), 0, 0, 0, 2);
    }

    private static void assertScores(ClassScores scores, double precision, double recall, double f1, int support) {
        assertEquals(precision, scores.precision(), 1e-15);
        assertEquals(recall, scores.recall(), 1e-15);
        assertEquals(f1, scores.f1(), 1e-15);
        assertEquals(support, scores.support());
    }

    @Test
    void serialisesWithTheAgreedJsonKeys() throws Exception {
        int[][] pairs = pairs();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(
            ClassificationMetrics.evaluate(pairs[0], pairs[1], LABELS)));
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("accuracy", "macro_f1", "per_class", "confusion", "labels"), keys);
        assertEquals(0.6, json.get("accuracy").asDouble(), 1e-15);
        assertEquals(79.0 / 168, json.get("macro_f1").asDouble(), 1e-15);
        JsonNode neg = json.get("per_class").get("neg");
        assertEquals(0.625, neg.get("precision").asDouble(), 1e-15);
        assertEquals(5.0 / 6, neg.get("recall").asDouble(), 1e-15);
        assertEquals(5.0 / 7, neg.get("f1").asDouble(), 1e-15);
        assertEquals(6, neg.get("support").asInt());
        assertEquals(1, json.get("confusion").get(3).get(0).asInt());
        assertEquals("other", json.get("labels").get(3).asText());
    }

    @Test
    void perfectPredictionsScoreOne() {
        int[] gold = {0, 1, 2, 1, 0};
        ClassificationReport report = ClassificationMetrics.evaluate(gold, gold.clone(), List.of("a", "b", "c"));
        assertEquals(1.0, report.accuracy());
        assertEquals(1.0, report.macroF1());
    }

    @Test
    void rejectsBadInputNamingTheProblem() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
            () -> ClassificationMetrics.evaluate(new int[] {0, 1}, new int[] {0, 4}, List.of("a", "b")));
        assertTrue(range.getMessage().contains("predicted[1] = 4"), range.getMessage());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
            () -> ClassificationMetrics.evaluate(new int[] {0, 1}, new int[] {0}, List.of("a", "b")));
        assertTrue(lengths.getMessage().contains("2 examples"), lengths.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> ClassificationMetrics.evaluate(new int[0], new int[0], List.of("a", "b")));
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
            () -> ClassificationMetrics.evaluate(new int[] {0}, new int[] {0}, List.of("a", "a")));
        assertTrue(duplicate.getMessage().contains("\"a\" appears twice"), duplicate.getMessage());
    }
}
