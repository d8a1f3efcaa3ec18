package org.convkit.ops;

/**
 * Batch normalisation of one channel's run of values, {@code y = gamma * xhat + beta} with
 * {@code xhat = (float) ((x - mean) * invStd)}, both steps in double and rounded to float as
 * written. The Vector API path does the same operations lane by lane (float to double, subtract,
 * multiply, round to float, back to double, multiply, add, round), so the bits are the same; it
 * runs res15's inference-mode batch normalisation, one of the passes between its convolutions,
 * without the scalar loop's conversions one element at a time.
 */
public final class Normalize {
    private Normalize() {
    }

    /** {@code y[k]} for {@code k} in {@code [from, to)}, from {@code x[k]}. */
    public static void apply(float[] x, float[] y, int from, int to, double mean, double invStd, double gamma, double beta) {
        int k = Sgemm.VECTOR ? VectorKernels.normalize(x, y, from, to, mean, invStd, gamma, beta) : from;
        for (; k < to; k++) {
            float h = (float) ((x[k] - mean) * invStd);
            y[k] = (float) (gamma * h + beta);
        }
        // (with gamma 1 and beta 0 the vector path writes h + 0f, which is these bits: see ChannelNorm)
    }
}
