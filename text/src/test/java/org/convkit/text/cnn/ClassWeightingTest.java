package org.convkit.text.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.convkit.io.ConvkitJson;
import org.convkit.text.LabeledTokens;
import org.junit.jupiter.api.Test;

class ClassWeightingTest {

    @Test
    void balancedWeightsMakeEveryClassSumToTheSameTotal() {
        // 90 + 10 examples: n / (k n_c) = 100 / 180 and 100 / 20; each class then totals 50.
        double[] w = ClassWeighting.BALANCED.weights(new int[] {90, 10});
        assertArrayEquals(new double[] {100.0 / 180, 5.0}, w, 1e-12);
        assertEquals(50.0, 90 * w[0], 1e-9);
        assertEquals(50.0, 10 * w[1], 1e-9);
    }

    @Test
    void aClassWithoutExamplesGetsWeightZeroAndTheOthersShareTheTotal() {
        assertArrayEquals(new double[] {1.0, 0.0, 1.0}, ClassWeighting.BALANCED.weights(new int[] {5, 0, 5}), 1e-12);
    }

    @Test
    void noneMeansPlainCrossEntropy() {
        assertNull(ClassWeighting.NONE.weights(new int[] {3, 7}));
    }

    @Test
    void parsesItsNamesAndRejectsOthersByName() {
        assertEquals(ClassWeighting.BALANCED, ClassWeighting.parse("Balanced"));
        assertEquals(ClassWeighting.NONE, ClassWeighting.parse("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassWeighting.parse("inverse"));
        assertTrue(e.getMessage().contains("inverse") && e.getMessage().contains("balanced"), e.getMessage());
    }

    @Test
    void settingsCarryTheWeightingThroughJson() throws Exception {
        KimTrainingSettings s = KimTrainingSettings.kim2014(3).withClassWeighting(ClassWeighting.BALANCED);
        String json = ConvkitJson.mapper().writeValueAsString(s);
        assertTrue(json.contains("\"classWeighting\":\"BALANCED\""), json);
        assertEquals(s, ConvkitJson.mapper().readValue(json, KimTrainingSettings.class));
    }

    @Test
    void balancedWeightingRaisesTheMinorityClassScoreOnSkewedData() {
        // About 13 "sport" sentences against 200 "food" ones: with plain cross-entropy a short
        // training run leans to "food"; weighting sport 8x moves its held-out probability up.
        List<LabeledTokens> skewed = new ArrayList<>();
        int sport = 0;
        for (LabeledTokens e : TinyTopics.examples(400, 5)) {
            if (e.label().equals("food") || sport++ % 15 == 0) skewed.add(e);
        }
        List<LabeledTokens> heldOutSport = TinyTopics.examples(60, 6).stream()
            .filter(e -> e.label().equals("sport")).toList();
        double plain = meanSportProbability(skewed, heldOutSport, ClassWeighting.NONE);
        double balanced = meanSportProbability(skewed, heldOutSport, ClassWeighting.BALANCED);
        System.out.printf("mean P(sport) on held-out sport sentences: plain %.4f, balanced %.4f%n", plain, balanced);
        assertTrue(balanced > plain + 0.05, "plain " + plain + ", balanced " + balanced);
    }

    private static double meanSportProbability(List<LabeledTokens> train, List<LabeledTokens> test, ClassWeighting w) {
        KimTrainingSettings settings = TinyTopics.tinyTraining(2, 4).withPatience(0).withClassWeighting(w);
        KimClassifier c = KimCnnTrainer.train(train, null, TinyTopics.tinyNetwork(EmbeddingMode.RAND), settings,
            null, null).classifier();
        int sport = c.labels().indexOf("sport");
        double sum = 0;
        for (LabeledTokens e : test) {
            sum += c.predictTokenized(e.tokens()).probabilities()[sport];
        }
        return sum / test.size();
    }
}
