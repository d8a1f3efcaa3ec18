package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

/** Random operands and element-wise comparison for the kernel tests of this package. */
final class KernelTestData {
    private KernelTestData() {
    }

    /** {@code n} values drawn uniformly from [-1, 1). */
    static float[] rand(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    /** {@code n} values far from any result (uniform in [-1e6, 1e6)), for outputs a kernel must overwrite. */
    static float[] garbage(SplittableRandom r, int n) {
        float[] a = rand(r, n);
        for (int i = 0; i < n; i++) a[i] *= 1e6f;
        return a;
    }

    /**
     * A random 3x3 stride-1 geometry: {@code [1, maxIn)} input and {@code [1, maxOut)} output
     * channels, dilations {@code [1, maxDilation)}, maps {@code [1, maxSize)} on a side, each side
     * padded by up to twice the dilation; null (draw again) where the padded map is smaller than
     * the dilated filter.
     */
    static ConvGeometry random3x3(SplittableRandom r, int maxIn, int maxOut, int maxDilation, int maxSize) {
        int cin = r.nextInt(1, maxIn), cout = r.nextInt(1, maxOut);
        int dh = r.nextInt(1, maxDilation), dw = r.nextInt(1, maxDilation), h = r.nextInt(1, maxSize), w = r.nextInt(1, maxSize);
        int pt = r.nextInt(0, 2 * dh + 1), pb = r.nextInt(0, 2 * dh + 1);
        int pl = r.nextInt(0, 2 * dw + 1), pr = r.nextInt(0, 2 * dw + 1);
        if (h + pt + pb < 2 * dh + 1 || w + pl + pr < 2 * dw + 1) return null;
        return new ConvGeometry(cin, h, w, cout, 3, 3, 1, 1, pt, pb, pl, pr, dh, dw, 1);
    }

    /** A fresh scratch buffer of {@code size} floats, for the kernels' batch calls. */
    static float[] scratch(int size) {
        return new float[size];
    }

    /** Every element of {@code b} within {@code tol} of {@code a}; the message names the element. */
    static void close(float[] a, float[] b, double tol, String what) {
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], tol, what + " [" + i + "]");
    }
}
