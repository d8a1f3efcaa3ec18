package org.convkit.audio.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable time-major feature matrix: frame t, coefficient c at {@code t * coefficients + c}.
 * Safe to share (e.g. from a cache); copy into your own buffer with {@link #copyTo}.
 */
public final class FeatureMatrix {

    private final int frames;
    private final int coefficients;
    private final float[] values;

    /**
     * Creates a matrix (the values are copied).
     *
     * @param frames       number of frames, &gt;= 1
     * @param coefficients coefficients per frame, &gt;= 1
     * @param values       frames * coefficients values, time-major
     */
    public FeatureMatrix(int frames, int coefficients, float[] values) {
        this(Objects.requireNonNull(values, "values").clone(), frames, coefficients);
    }

    private FeatureMatrix(float[] values, int frames, int coefficients) {
        if (frames < 1 || coefficients < 1) {
            throw new IllegalArgumentException("frames and coefficients must be >= 1, were " + frames
                    + " and " + coefficients);
        }
        if ((long) frames * coefficients != values.length) {
            throw new IllegalArgumentException(values.length + " values do not make " + frames + " x "
                    + coefficients);
        }
        this.frames = frames;
        this.coefficients = coefficients;
        this.values = values;
    }

    /** Wraps an array the caller gives up (no copy). */
    static FeatureMatrix wrap(int frames, int coefficients, float[] values) {
        return new FeatureMatrix(values, frames, coefficients);
    }

    /**
     * Number of frames.
     *
     * @return frames (time steps)
     */
    public int frames() {
        return frames;
    }

    /**
     * Coefficients per frame.
     *
     * @return mel bands or cepstra
     */
    public int coefficients() {
        return coefficients;
    }

    /**
     * One value.
     *
     * @param frame       frame index
     * @param coefficient coefficient index
     * @return the value
     */
    public float get(int frame, int coefficient) {
        Objects.checkIndex(frame, frames);
        Objects.checkIndex(coefficient, coefficients);
        return values[frame * coefficients + coefficient];
    }

    /**
     * Copies all values, time-major, into a caller-owned buffer.
     *
     * @param dst    destination
     * @param offset index in {@code dst} of frame 0, coefficient 0
     */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    /**
     * All values.
     *
     * @return a new time-major array of frames * coefficients values
     */
    public float[] toArray() {
        return values.clone();
    }

    /**
     * Equal when the shape and every value (bit for bit, as {@link Arrays#equals(float[], float[])})
     * are equal.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix m && m.frames == frames && m.coefficients == coefficients
                && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * frames + coefficients) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + frames + " x " + coefficients + "]";
    }
}
