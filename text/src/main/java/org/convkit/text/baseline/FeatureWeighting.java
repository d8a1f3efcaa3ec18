package org.convkit.text.baseline;

/**
 * How a bag of words becomes feature values for {@link LogisticRegressionBaseline}. Words outside
 * the training vocabulary are ignored.
 */
public enum FeatureWeighting {
    /** Number of times each vocabulary word occurs in the sentence. */
    COUNT,
    /**
     * 1 if the word occurs in the sentence, else 0. Binarised bag-of-words features are the usual
     * first choice for short sentiment texts (Wang and Manning 2012).
     */
    BINARY,
    /**
     * Term count times smoothed inverse document frequency {@code ln((1 + N) / (1 + df)) + 1}, with
     * N training sentences and df the number containing the word, then each sentence's vector scaled
     * to unit Euclidean length (a sentence with no vocabulary word stays all zero).
     */
    TF_IDF
}
