package org.convkit.ops;

/**
 * One bit per element recording {@code y > 0}: what a ReLU's backward pass needs from its output,
 * in 1/32 of the memory. Bit {@code k & 63} of word {@code k >>> 6} belongs to element {@code k}.
 */
public final class ReluMask {
    private ReluMask() {
    }

    /**
     * Sets bit {@code k} of {@code bits} to {@code y[k] > 0} for {@code k} in {@code [from, to)};
     * {@code from} must be a multiple of 64 (whole words are written).
     */
    public static void pack(float[] y, int from, int to, long[] bits) {
        if ((from & 63) != 0) throw new IllegalArgumentException("from must be a multiple of 64, got " + from);
        if (Sgemm.VECTOR) VectorKernels.packPositive(y, from, to, bits);
        else packScalar(y, from, to, bits);
    }

    static void packScalar(float[] y, int from, int to, long[] bits) {
        for (int w = from >>> 6, k = from; k < to; w++) {
            int end = Math.min(to, k + 64);
            long word = 0;
            for (int b = 0; k < end; k++, b++) if (y[k] > 0) word |= 1L << b;
            bits[w] = word;
        }
    }

    /** {@code dx[k] = bit k ? dy[k] : 0} for {@code k} in {@code [from, to)}. */
    public static void apply(long[] bits, float[] dy, float[] dx, int from, int to) {
        if (Sgemm.VECTOR && (from & 63) == 0) VectorKernels.applyMask(bits, dy, dx, from, to);
        else applyScalar(bits, dy, dx, from, to);
    }

    static void applyScalar(long[] bits, float[] dy, float[] dx, int from, int to) {
        for (int k = from; k < to; k++) dx[k] = (bits[k >>> 6] >>> (k & 63) & 1) != 0 ? dy[k] : 0f;
    }
}
