package org.convkit.audio.stream;

/**
 * How a {@link KeywordSpotter} turns posteriors into detections.
 *
 * @param evaluateEveryMs   run the model every this many ms of audio (a multiple of the hop is used:
 *                          round(ms / hop) hops, at least 1); default 100
 * @param smoothingWindow   number of consecutive evaluations averaged (posterior smoothing of Chen
 *                          et al. 2014, a moving mean); default 3
 * @param threshold         smoothed posterior of a keyword that starts a detection, in (0, 1]; default 0.5
 * @param refractorySeconds after a detection no new detection starts for this long (so one word
 *                          fires once); default 1.0
 * @param holdSeconds       once the threshold is crossed, the detection is emitted at the peak:
 *                          when the posterior falls below the threshold, or this long after the
 *                          crossing; default 0.3
 */
public record SpotterSettings(double evaluateEveryMs, int smoothingWindow, double threshold,
                              double refractorySeconds, double holdSeconds) {

    /** Validates the ranges (the message names the field). */
    public SpotterSettings {
        if (!(evaluateEveryMs > 0) || Double.isInfinite(evaluateEveryMs)) {
            throw new IllegalArgumentException("evaluateEveryMs must be finite and > 0, was " + evaluateEveryMs);
        }
        if (smoothingWindow < 1) {
            throw new IllegalArgumentException("smoothingWindow must be >= 1, was " + smoothingWindow);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        if (!(refractorySeconds >= 0) || Double.isInfinite(refractorySeconds)) {
            throw new IllegalArgumentException("refractorySeconds must be finite and >= 0, was " + refractorySeconds);
        }
        if (!(holdSeconds >= 0) || Double.isInfinite(holdSeconds)) {
            throw new IllegalArgumentException("holdSeconds must be finite and >= 0, was " + holdSeconds);
        }
    }

    /**
     * Defaults: every 100 ms, mean of 3 evaluations, threshold 0.5, refractory 1 s, hold 0.3 s.
     *
     * @return the settings
     */
    public static SpotterSettings defaults() {
        return new SpotterSettings(100, 3, 0.5, 1.0, 0.3);
    }

    /**
     * Copy with another threshold.
     *
     * @param t threshold
     * @return the copy
     */
    public SpotterSettings withThreshold(double t) {
        return new SpotterSettings(evaluateEveryMs, smoothingWindow, t, refractorySeconds, holdSeconds);
    }

    /**
     * Copy with another evaluation interval.
     *
     * @param ms interval in ms
     * @return the copy
     */
    public SpotterSettings withEvaluateEveryMs(double ms) {
        return new SpotterSettings(ms, smoothingWindow, threshold, refractorySeconds, holdSeconds);
    }
}
