package org.convkit.ops;

/**
 * Max pooling over 2x2 windows with stride 2 (the usual pooling of keyword-spotting and image
 * CNNs), one plane at a time: each output is the first maximum of its window in reading order,
 * a NaN winning over every number (as PyTorch does), and its index in the input plane is kept for
 * the backward pass. With the Vector API the windows of 16 outputs are compared at once
 * (even and odd columns split by one permutation each); the plain loops select the same element.
 */
public final class MaxPool2x2 {
    private MaxPool2x2() {
    }

    /**
     * Pools output rows {@code [0, oh)} of a plane at {@code xo} ({@code iw} wide, at least
     * {@code 2 oh} rows of {@code 2 ow} columns) into {@code y[yo..]}, {@code ow} wide, and the
     * chosen elements' offsets from {@code xo} into {@code am[yo..]}.
     */
    public static void plane(float[] x, int xo, int iw, float[] y, int yo, int oh, int ow, int[] am) {
        for (int oy = 0; oy < oh; oy++) {
            int ox = Sgemm.VECTOR ? VectorKernels.maxPool2x2Row(x, xo, iw, y, yo, ow, am, oy) : 0;
            rowScalar(x, xo, iw, y, yo, ow, am, oy, ox);
        }
    }

    /** Columns {@code [ox0, ow)} of output row {@code oy} in plain loops. */
    static void rowScalar(float[] x, int xo, int iw, float[] y, int yo, int ow, int[] am, int oy, int ox0) {
        for (int ox = ox0; ox < ow; ox++) {
            int a = xo + 2 * oy * iw + 2 * ox, bi = a;
            bi = pick(x, bi, a + 1);
            bi = pick(x, bi, a + iw);
            bi = pick(x, bi, a + iw + 1);
            y[yo + oy * ow + ox] = x[bi];
            am[yo + oy * ow + ox] = bi - xo;
        }
    }

    /**
     * The later element {@code v} replaces the best so far when it is larger or NaN, unless the
     * best is already NaN: an index is selected rather than a value, so the JIT can use
     * conditional moves (the branches mispredict half the time on unordered data).
     */
    private static int pick(float[] x, int bi, int v) {
        float e = x[v], best = x[bi];
        return !(e <= best) & best == best ? v : bi;
    }
}
