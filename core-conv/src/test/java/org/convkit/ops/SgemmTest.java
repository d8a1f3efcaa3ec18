package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matrix product against a float64 triple loop on odd shapes (sizes that are not multiples of
 * the vector width or the register tile, offsets, leading dimensions wider than the matrix, both
 * transpositions, accumulation, bias, ReLU), and the Vector API path against the portable loops,
 * which must agree to the bit.
 */
class SgemmTest {

    @Test
    void vectorApiIsInUseInTheTestJvm() {
        // surefire runs with --add-modules jdk.incubator.vector; without it this suite would only test the loops
        assertTrue(Sgemm.VECTOR, Sgemm.describe());
    }

    @Test
    void agreesWithFloat64LoopsAndThePortablePathOnOddShapes() {
        SplittableRandom r = new SplittableRandom(7);
        int[] sizes = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 45, 63, 100, 129, 257, 300};
        for (int trial = 0; trial < 220; trial++) {
            int m = sizes[r.nextInt(sizes.length)], n = sizes[r.nextInt(sizes.length)];
            int k = trial % 37 == 0 ? 0 : sizes[r.nextInt(sizes.length)];
            boolean ta = r.nextBoolean(), tb = r.nextBoolean(), acc = r.nextBoolean(), relu = r.nextBoolean();
            boolean withBias = r.nextBoolean();
            int lda = (ta ? m : k) + r.nextInt(3), ldb = (tb ? k : n) + r.nextInt(3), ldc = n + r.nextInt(3);
            int aOff = r.nextInt(5), bOff = r.nextInt(5), cOff = r.nextInt(5), biasOff = r.nextInt(3);
            float[] a = rand(r, aOff + (ta ? k : m) * lda + 1);
            float[] b = rand(r, bOff + (tb ? n : k) * ldb + 1);
            float[] c0 = rand(r, cOff + m * ldc + 2);
            float[] bias = withBias ? rand(r, biasOff + m) : null;
            float[] fast = c0.clone(), loops = c0.clone();
            Sgemm.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, fast, cOff, ldc, acc, bias, biasOff, relu);
            Sgemm.gemmScalar(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, loops, cOff, ldc, acc, bias, biasOff, relu);
            String what = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " acc=" + acc + " bias=" + withBias + " relu=" + relu;
            assertArrayEquals(bits(loops), bits(fast), what + ": vector and portable paths differ");
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = acc ? c0[cOff + i * ldc + j] : 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p])
                                * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                    }
                    if (bias != null) s += bias[biasOff + i];
                    if (relu) s = Math.max(s, 0);
                    assertEquals(s, fast[cOff + i * ldc + j], 2e-5 * (k + 2), what + " at " + i + "," + j);
                }
            }
            // nothing outside the m x n block of C is touched
            for (int i = 0; i < cOff; i++) assertEquals(c0[i], fast[i], what + " before C");
            for (int i = 0; i < m; i++) {
                for (int j = n; j < ldc && cOff + i * ldc + j < c0.length; j++) {
                    assertEquals(c0[cOff + i * ldc + j], fast[cOff + i * ldc + j], what + " padding of row " + i);
                }
            }
            assertEquals(c0[c0.length - 1], fast[fast.length - 1], what + " after C");
        }
    }

    @Test
    void reluKeepsNaNAndTheSplitOverThreadsChangesNoBit() {
        int m = 70, n = 333, k = 300;
        SplittableRandom r = new SplittableRandom(3);
        float[] a = rand(r, m * k), b = rand(r, k * n);
        a[5] = Float.NaN;
        float[] whole = new float[m * n], split = new float[m * n];
        Sgemm.gemmSerial(false, false, m, n, k, a, 0, k, b, 0, n, whole, 0, n, false, null, 0, true);
        Sgemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, split, 0, n, false, null, 0, true);
        assertArrayEquals(bits(whole), bits(split));
        for (int j = 0; j < n; j++) assertTrue(Float.isNaN(whole[j]), "row 0 meets the NaN at column " + j);
        for (int j = 0; j < n; j++) assertTrue(whole[n + j] >= 0f);
    }

    @Test
    void aDenseLayerOnOneExampleSplitsItsColumnsOverThreadsWithoutChangingABit() {
        // cnn-trad-pool2's classifier: one row of 26,624 features against 12 rows of weights
        int m = 1, n = 12, k = 26_624;
        SplittableRandom r = new SplittableRandom(31);
        float[] a = rand(r, m * k), b = rand(r, n * k), bias = rand(r, n);
        float[] whole = new float[m * n], split = new float[m * n], packed = new float[m * n];
        Sgemm.gemmSerial(false, true, m, n, k, a, 0, k, b, 0, k, whole, 0, n, false, bias, 0, false);
        Sgemm.gemm(false, true, m, n, k, a, 0, k, b, 0, k, split, 0, n, false, bias, 0, false);
        Sgemm.gemmScalar(false, true, m, n, k, a, 0, k, b, 0, k, packed, 0, n, false, bias, 0, false);
        assertArrayEquals(bits(whole), bits(split), "split over threads");
        assertArrayEquals(bits(packed), bits(whole), "the portable packed loops");
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    @Test
    void aWholeBPackedOnceGivesTheBitsOfTheProductThatPacksItEachCall() {
        SplittableRandom r = new SplittableRandom(31);
        int[] sizes = {1, 7, 8, 9, 31, 32, 33, 50, 100, 129, 192, 300};
        for (int trial = 0; trial < 60; trial++) {
            int m = sizes[r.nextInt(sizes.length)], n = sizes[r.nextInt(sizes.length)], k = sizes[r.nextInt(sizes.length)];
            boolean acc = r.nextBoolean(), relu = r.nextBoolean(), withBias = r.nextBoolean();
            int lda = k + r.nextInt(3), ldb = n + r.nextInt(3), ldc = n + r.nextInt(3), aOff = r.nextInt(5), bOff = r.nextInt(5);
            int m0 = r.nextInt(m), pOff = r.nextInt(5);
            float[] a = rand(r, aOff + m * lda), b = rand(r, bOff + k * ldb), c0 = rand(r, m * ldc);
            float[] bias = withBias ? rand(r, m) : null;
            float[] packed = rand(r, pOff + VectorGemm.packedBSize(k, n)); // stale values must not matter
            VectorGemm.packB(b, bOff, ldb, k, n, packed, pOff);
            float[] expected = c0.clone(), got = c0.clone();
            VectorGemm.gemm(false, false, m0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, expected, 0, ldc, acc, bias, 0, relu);
            VectorGemm.gemmPackedB(m0, m, n, k, a, aOff, lda, packed, pOff, got, 0, ldc, acc, bias, 0, relu);
            assertArrayEquals(expected, got, m + "x" + n + "x" + k + " from row " + m0);
        }
    }
}
