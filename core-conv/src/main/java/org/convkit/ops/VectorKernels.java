package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Small element-wise kernels on the Vector API; loaded only when {@link Sgemm#VECTOR} is true. */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    /** {@link ReluMask#pack}: one compare gives {@code L} bits at a time. */
    static void packPositive(float[] y, int from, int to, long[] bits) {
        int k = from, w = from >>> 6;
        for (; k + 64 <= to; k += 64, w++) {
            long word = 0;
            for (int b = 0; b < 64; b += L) word |= FloatVector.fromArray(S, y, k + b).compare(VectorOperators.GT, 0f).toLong() << b;
            bits[w] = word;
        }
        if (k < to) ReluMask.packScalar(y, k, to, bits);
    }
}
