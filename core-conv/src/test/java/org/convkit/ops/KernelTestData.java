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

    /** A fresh scratch buffer of {@code size} floats, for the kernels' batch calls. */
    static float[] scratch(int size) {
        return new float[size];
    }

    /** Every element of {@code b} within {@code tol} of {@code a}; the message names the element. */
    static void close(float[] a, float[] b, double tol, String what) {
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], tol, what + " [" + i + "]");
    }
}
