package org.convkit.audio.kws;

/**
 * One class's figures on an evaluation split.
 *
 * @param precision correct predictions of the class / all predictions of it (0 when never predicted)
 * @param recall    correct predictions of the class / examples of it (0 when it has none)
 * @param f1        harmonic mean of precision and recall (0 when both are 0)
 * @param support   examples of the class
 */
public record ClassMetrics(double precision, double recall, double f1, long support) {
}
