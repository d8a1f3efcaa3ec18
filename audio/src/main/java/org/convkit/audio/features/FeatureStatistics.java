package org.convkit.audio.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-coefficient mean and standard deviation for {@link FeatureNormalisation#GLOBAL}, usually
 * measured on the training set with {@link #accumulator(int)}. Serialisable with Jackson as
 * {@code {"mean":[...],"std":[...]}}. Arrays are copied in and out.
 *
 * @param mean per-coefficient mean, finite
 * @param std  per-coefficient standard deviation, finite and &gt; 0, same length as mean
 */
public record FeatureStatistics(double[] mean, double[] std) {

    /** Validates and copies the arrays. */
    public FeatureStatistics {
        Objects.requireNonNull(mean, "mean must not be null");
        Objects.requireNonNull(std, "std must not be null");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must be non-empty and of equal length, were "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("mean[" + c + "] must be finite, was " + mean[c]);
            }
            if (!(std[c] > 0) || Double.isInfinite(std[c])) {
                throw new IllegalArgumentException("std[" + c + "] must be finite and > 0, was " + std[c]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Per-coefficient means.
     *
     * @return a copy of the means
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Per-coefficient standard deviations.
     *
     * @return a copy of the standard deviations
     */
    @Override
    public double[] std() {
        return std.clone();
    }

    double meanAt(int c) {
        return mean[c];
    }

    double stdAt(int c) {
        return std[c];
    }

    int size() {
        return mean.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStatistics s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    /** Exact text form (every double round-trips), used in extractor fingerprints. */
    @Override
    public String toString() {
        return "FeatureStatistics[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }

    /**
     * Starts accumulating statistics over time-major feature matrices.
     *
     * @param coefficients coefficients per frame
     * @return an empty accumulator
     */
    public static Accumulator accumulator(int coefficients) {
        return new Accumulator(coefficients);
    }

    /**
     * Running per-coefficient mean and variance over frames (Welford's algorithm, in double).
     * Not thread-safe.
     */
    public static final class Accumulator {
        private final double[] mean;
        private final double[] m2;
        private long frames;

        private Accumulator(int coefficients) {
            if (coefficients <= 0) {
                throw new IllegalArgumentException("coefficients must be > 0, was " + coefficients);
            }
            mean = new double[coefficients];
            m2 = new double[coefficients];
        }

        /**
         * Adds the frames of one time-major feature matrix.
         *
         * @param features values, frame t, coefficient c at {@code offset + t * coefficients + c}
         * @param offset   index of frame 0
         * @param count    number of frames
         */
        public void add(float[] features, int offset, int count) {
            int cs = mean.length;
            Objects.checkFromIndexSize(offset, count * cs, features.length);
            for (int t = 0; t < count; t++) {
                frames++;
                int base = offset + t * cs;
                for (int c = 0; c < cs; c++) {
                    double x = features[base + c];
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("feature at frame " + t + ", coefficient " + c
                                + " is " + x + "; expected finite features");
                    }
                    double d = x - mean[c];
                    mean[c] += d / frames;
                    m2[c] += d * (x - mean[c]);
                }
            }
        }

        /**
         * Number of frames added so far.
         *
         * @return frames
         */
        public long frames() {
            return frames;
        }

        /**
         * The statistics so far: mean and population standard deviation, the latter raised to at
         * least {@code minStd} (a coefficient that never varies, e.g. an empty mel filter, would
         * otherwise divide by zero).
         *
         * @param minStd floor for the standard deviation, &gt; 0 (e.g. 1e-5)
         * @return the statistics
         */
        public FeatureStatistics toStatistics(double minStd) {
            if (frames == 0) {
                throw new IllegalStateException("no frames were added");
            }
            if (!(minStd > 0)) {
                throw new IllegalArgumentException("minStd must be > 0, was " + minStd);
            }
            double[] std = new double[mean.length];
            for (int c = 0; c < std.length; c++) {
                std[c] = Math.max(minStd, Math.sqrt(m2[c] / frames));
            }
            return new FeatureStatistics(mean, std);
        }
    }
}
