package org.convkit.text;

import java.util.List;

/**
 * A trained classifier of token sequences into a fixed, ordered set of labels. Implementations are
 * safe to call from many threads.
 */
public interface TextClassifier {

    /**
     * The labels this classifier distinguishes, in the fixed order used by
     * {@link Prediction#probabilities()} and {@link Prediction#labelIndex()}.
     *
     * @return an unmodifiable list of distinct labels
     */
    List<String> labels();

    /**
     * Classifies one token sequence, preprocessed the same way as the training data.
     *
     * @param tokens the tokens; may be empty
     * @return the most probable label and the probability of every label
     */
    Prediction predict(String[] tokens);
}
