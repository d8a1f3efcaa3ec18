package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link KeptDense}'s block sums on the Vector API (loaded only when {@link Sgemm#VECTOR} is true). */
final class VectorDense {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int KC = ScalarGemm.KC;

    private VectorDense() {
    }

    /**
     * For each {@link ScalarGemm#KC} block of {@code a[ao .. ao+k)}, the sum over its steps of
     * {@code a[p]} times row {@code p} of a group of the kept transpose ({@code width} units a row
     * from {@code base}), each lane one chain of fused multiply-adds from zero, into
     * {@code sums[block * L ..]}, for blocks {@code [b0, b1)}; four blocks at a time, as four
     * independent chains.
     */
    static void blockSums(float[] a, int ao, int k, float[] wt, int base, int width, float[] sums, int b0, int b1) {
        int blk = b0, step = KC * width;
        FloatVector z = FloatVector.zero(S);
        for (; blk + 4 <= b1 && (blk + 4) * KC <= k; blk += 4) {
            FloatVector s0 = z, s1 = z, s2 = z, s3 = z;
            int a0 = ao + blk * KC, w0 = base + blk * step;
            for (int p = 0; p < KC; p++) {
                int w = w0 + p * width;
                s0 = FloatVector.broadcast(S, a[a0 + p]).fma(FloatVector.fromArray(S, wt, w), s0);
                s1 = FloatVector.broadcast(S, a[a0 + KC + p]).fma(FloatVector.fromArray(S, wt, w + step), s1);
                s2 = FloatVector.broadcast(S, a[a0 + 2 * KC + p]).fma(FloatVector.fromArray(S, wt, w + 2 * step), s2);
                s3 = FloatVector.broadcast(S, a[a0 + 3 * KC + p]).fma(FloatVector.fromArray(S, wt, w + 3 * step), s3);
            }
            s0.intoArray(sums, blk * L);
            s1.intoArray(sums, (blk + 1) * L);
            s2.intoArray(sums, (blk + 2) * L);
            s3.intoArray(sums, (blk + 3) * L);
        }
        for (; blk < b1; blk++) {
            int p0 = blk * KC, kc = Math.min(KC, k - p0), w0 = base + p0 * width;
            FloatVector s = z;
            for (int p = 0; p < kc; p++) s = FloatVector.broadcast(S, a[ao + p0 + p]).fma(FloatVector.fromArray(S, wt, w0 + p * width), s);
            s.intoArray(sums, blk * L);
        }
    }
}
