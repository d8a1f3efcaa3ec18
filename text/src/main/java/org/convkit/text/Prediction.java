package org.convkit.text;

import java.util.Objects;

/**
 * A classifier's answer for one input.
 *
 * @param labelIndex    index of the most probable label in the classifier's
 *                      {@link TextClassifier#labels()}
 * @param label         that label
 * @param probabilities one probability per label, in the order of {@link TextClassifier#labels()},
 *                      summing to 1
 */
public record Prediction(int labelIndex, String label, double[] probabilities) {

    /** Validates that the label index points into the probabilities. */
    public Prediction {
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(probabilities, "probabilities must not be null");
        if (labelIndex < 0 || labelIndex >= probabilities.length) {
            throw new IllegalArgumentException("labelIndex " + labelIndex + " is outside [0, "
                + probabilities.length + ")");
        }
    }
}
