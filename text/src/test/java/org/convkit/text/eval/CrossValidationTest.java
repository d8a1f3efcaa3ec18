package org.convkit.text.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.TextClassifier;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static List<LabeledTokens> examples(int a, int b) {
        List<LabeledTokens> out = new ArrayList<>();
        for (int i = 0; i < a; i++) {
            out.add(new LabeledTokens(new String[] {"x" + i}, "a"));
        }
        for (int i = 0; i < b; i++) {
            out.add(new LabeledTokens(new String[] {"y" + i}, "b"));
        }
        return out;
    }

    @Test
    void foldsAreStratifiedAndBalanced() {
        List<LabeledTokens> data = examples(23, 7);
        int[] fold = CrossValidation.stratifiedFolds(data, 5, 1);
        int[][] perFoldAndLabel = new int[5][2];
        for (int i = 0; i < fold.length; i++) {
            perFoldAndLabel[fold[i]][data.get(i).label().equals("a") ? 0 : 1]++;
        }
        for (int f = 0; f < 5; f++) {
            // 23 "a" over 5 folds: 4 or 5 each; 7 "b": 1 or 2 each; 30 in all: exactly 6 per fold.
            assertTrue(perFoldAndLabel[f][0] == 4 || perFoldAndLabel[f][0] == 5, "fold " + f);
            assertTrue(perFoldAndLabel[f][1] == 1 || perFoldAndLabel[f][1] == 2, "fold " + f);
            assertEquals(6, perFoldAndLabel[f][0] + perFoldAndLabel[f][1], "fold " + f);
        }
        assertArrayEquals(fold, CrossValidation.stratifiedFolds(data, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.stratifiedFolds(data, 1, 1));
    }

    @Test
    void everyExampleIsScoredExactlyOnceByAModelThatNeverSawIt() {
        List<LabeledTokens> data = examples(12, 8);
        List<Integer> trainSizes = new ArrayList<>();
        // A memorising classifier: right on training tokens, always "b" on unseen ones. With
        // 4 folds each held-out fold holds 3 "a" and 2 "b", so every fold scores 2/5 = 0.4
        // accuracy, and macro-F1 = (0 + 2 * 0.4 * 1 / 1.4) / 2 = 0.2857142857.
        CrossValidation.Result r = CrossValidation.run(data, 4, 3, train -> {
            trainSizes.add(train.size());
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            for (LabeledTokens e : train) {
                seen.put(e.tokens()[0], e.label());
            }
            return new TextClassifier() {
                @Override
                public List<String> labels() {
                    return List.of("a", "b");
                }

                @Override
                public Prediction predict(String[] tokens) {
                    String label = seen.getOrDefault(tokens[0], "b");
                    int i = label.equals("a") ? 0 : 1;
                    return new Prediction(i, label, i == 0 ? new double[] {1, 0} : new double[] {0, 1});
                }
            };
        });
        assertEquals(List.of(15, 15, 15, 15), trainSizes);
        assertEquals(4, r.folds().size());
        assertEquals(0.4, r.meanAccuracy(), 1e-12);
        assertEquals(0.2857142857142857, r.meanMacroF1(), 1e-12);
    }
}
