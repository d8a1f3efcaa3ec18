package org.convkit.ops;

/**
 * Dropout masks drawn without a shared random stream: element {@code k} of a pass keyed by
 * {@code base} is decided by the SplitMix64 finaliser (Steele et al. 2014, as SplittableRandom
 * uses) of {@code base + (k+1) * 0x9E3779B97F4A7C15} alone, so any split of the elements over
 * threads, and the vector and scalar paths, draw the same mask.
 */
public final class Dropouts {
    private Dropouts() {
    }

    /**
     * The integer form of "uniform draw below {@code rate}": a draw is {@code u * 2^-53} with u the
     * top 53 bits of the finaliser, and {@code u * 2^-53 < rate} exactly when
     * {@code u < ceil(rate * 2^53)}.
     */
    public static long threshold(double rate) {
        return (long) Math.ceil(rate * 0x1p53);
    }

    /** The top 53 bits of element {@code k}'s draw. */
    static long draw(long base, int k) {
        long z = base + (k + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z >>> 11;
    }

    /**
     * For {@code k} in {@code [from, to)}: {@code mask[k] = draw < threshold ? 0 : scale} and
     * {@code y[k] = x[k] * mask[k]}, on the Vector API when it is in use.
     */
    public static void apply(long base, long threshold, float scale, float[] x, float[] y, float[] mask, int from, int to) {
        if (Sgemm.VECTOR) VectorKernels.dropout(base, threshold, scale, x, y, mask, from, to);
        else mask(base, threshold, scale, x, y, mask, from, to);
    }

    /** The portable loop of {@link #apply}. */
    static void mask(long base, long threshold, float scale, float[] x, float[] y, float[] mask, int from, int to) {
        for (int k = from; k < to; k++) {
            float m = draw(base, k) < threshold ? 0f : scale;
            mask[k] = m;
            y[k] = x[k] * m;
        }
    }
}
