package org.convkit.text.baseline;

/**
 * Training settings of {@link MaxentBaseline}, passed to OpenNLP's GIS maximum-entropy trainer.
 *
 * @param iterations number of GIS iterations (OpenNLP default 100); training always runs them all
 * @param cutoff     a bag-of-words feature must occur in at least this many training events to be
 *                   used (OpenNLP default 5)
 */
public record MaxentOptions(int iterations, int cutoff) {

    /** Validates the settings. */
    public MaxentOptions {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (cutoff < 0) {
            throw new IllegalArgumentException("cutoff must not be negative, got " + cutoff);
        }
    }

    /**
     * OpenNLP's own defaults.
     *
     * @return {@code iterations = 100, cutoff = 5}
     */
    public static MaxentOptions defaults() {
        return new MaxentOptions(100, 5);
    }
}
