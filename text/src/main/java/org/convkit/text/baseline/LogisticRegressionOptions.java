package org.convkit.text.baseline;

import java.util.Objects;

import org.convkit.text.vocab.VocabularyOptions;

/**
 * Training settings of {@link LogisticRegressionBaseline}.
 *
 * @param weighting     feature values (default {@link FeatureWeighting#BINARY})
 * @param lambda        L2 penalty: Smile minimises the summed (not averaged) negative
 *                      log-likelihood plus {@code lambda / 2 * ||w||^2} over all non-bias weights;
 *                      at least 0 (default 0.1, Smile's default)
 * @param tolerance     BFGS convergence tolerance (default 1e-5, Smile's default)
 * @param maxIterations BFGS iteration limit (default 500, Smile's default)
 * @param vocabulary    which training words become features: minimum count and maximum size
 *                      (the size counts the vocabulary's two reserved entries, which are not
 *                      features); default every training word
 */
public record LogisticRegressionOptions(FeatureWeighting weighting, double lambda, double tolerance,
                                        int maxIterations, VocabularyOptions vocabulary) {

    /** Validates the settings. */
    public LogisticRegressionOptions {
        Objects.requireNonNull(weighting, "weighting must not be null");
        Objects.requireNonNull(vocabulary, "vocabulary must not be null");
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number > 0, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
    }

    /**
     * Binary features over every training word, {@code lambda = 0.1}, tolerance 1e-5, at most 500
     * iterations.
     *
     * @return the defaults
     */
    public static LogisticRegressionOptions defaults() {
        return new LogisticRegressionOptions(FeatureWeighting.BINARY, 0.1, 1e-5, 500,
            VocabularyOptions.defaults());
    }

    /**
     * Returns a copy with another L2 penalty.
     *
     * @param newLambda the penalty, at least 0
     * @return the new options
     */
    public LogisticRegressionOptions withLambda(double newLambda) {
        return new LogisticRegressionOptions(weighting, newLambda, tolerance, maxIterations, vocabulary);
    }

    /**
     * Returns a copy with another feature weighting.
     *
     * @param newWeighting the weighting
     * @return the new options
     */
    public LogisticRegressionOptions withWeighting(FeatureWeighting newWeighting) {
        return new LogisticRegressionOptions(newWeighting, lambda, tolerance, maxIterations, vocabulary);
    }
}
