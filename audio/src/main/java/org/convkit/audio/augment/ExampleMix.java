package org.convkit.audio.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How many silence and "unknown word" examples to add to a split, following TensorFlow's
 * speech_commands {@code prepare_data_index} (defaults {@code --silence_percentage=10},
 * {@code --unknown_percentage=10}): with K examples of the wanted words, the split gets
 * ceil(K * silencePercent / 100) silence examples and min(U, ceil(K * unknownPercent / 100))
 * unknown examples, the latter taken from the U available unknown-word examples after a seeded
 * shuffle. Both percentages are relative to K, so with the defaults silence and unknown are each
 * 1/12 of the final split.
 */
public final class ExampleMix {

    private ExampleMix() {
    }

    /**
     * The decision for one split.
     *
     * @param silenceCount   number of silence examples to add
     * @param unknownIndices indices into the split's list of unknown-word examples to include, in
     *                       the seeded shuffle's order
     */
    public record Plan(int silenceCount, List<Integer> unknownIndices) {
        /** Copies the index list. */
        public Plan {
            unknownIndices = List.copyOf(unknownIndices);
        }
    }

    /**
     * Decides the silence and unknown examples of one split.
     *
     * @param knownCount       K, examples of the wanted words in the split, &gt;= 0
     * @param unknownAvailable U, unknown-word examples available for the split, &gt;= 0
     * @param silencePercent   silence examples as a percentage of K, &gt;= 0 (10)
     * @param unknownPercent   unknown examples as a percentage of K, &gt;= 0 (10)
     * @param seed             seed of the Fisher-Yates shuffle (a {@link SplittableRandom})
     * @return the plan
     */
    public static Plan plan(int knownCount, int unknownAvailable, double silencePercent,
                            double unknownPercent, long seed) {
        if (knownCount < 0 || unknownAvailable < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were knownCount=" + knownCount
                    + " unknownAvailable=" + unknownAvailable);
        }
        if (!(silencePercent >= 0) || !(unknownPercent >= 0) || Double.isInfinite(silencePercent)
                || Double.isInfinite(unknownPercent)) {
            throw new IllegalArgumentException("percentages must be finite and >= 0, were silencePercent="
                    + silencePercent + " unknownPercent=" + unknownPercent);
        }
        int silence = (int) Math.ceil(knownCount * silencePercent / 100);
        int unknown = (int) Math.min(unknownAvailable, Math.ceil(knownCount * unknownPercent / 100));
        int[] order = new int[unknownAvailable];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        List<Integer> chosen = new ArrayList<>(unknown);
        for (int i = 0; i < unknown; i++) {
            chosen.add(order[i]);
        }
        return new Plan(silence, chosen);
    }
}
