package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 block transpose in registers, for the channels-first to channels-last copies around the
 * Winograd kernels (a scalar copy writes one float per store, 16 floats apart). Four rounds of
 * two-vector permutations: round {@code d} (8, 4, 2, 1) swaps the off-diagonal {@code d x d} blocks
 * of every {@code 2d x 2d} block, which after the last round has moved element {@code (i, j)} to
 * {@code (j, i)}. Values are moved, never combined, except by the optional bias and ReLU of an
 * output copy, applied as the scalar copy applies them. Used only with 16-float vectors.
 */
final class VectorTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Whether vectors hold 16 floats, the block's width. */
    static final boolean USABLE = S.length() == 16;
    private static final VectorShuffle<Float> LO8 = lo(8), HI8 = hi(8), LO4 = lo(4), HI4 = hi(4);
    private static final VectorShuffle<Float> LO2 = lo(2), HI2 = hi(2), LO1 = lo(1), HI1 = hi(1);

    private VectorTranspose() {
    }

    /** Lanes of row {@code i}'s new value: its own where bit {@code d} is clear, row {@code i + d}'s (index past 16) where set. */
    private static VectorShuffle<Float> lo(int d) {
        return VectorShuffle.fromOp(S, l -> (l & d) == 0 ? l : l - d + 16);
    }

    /** Lanes of row {@code i + d}'s new value. */
    private static VectorShuffle<Float> hi(int d) {
        return VectorShuffle.fromOp(S, l -> (l & d) == 0 ? l + d : l + 16);
    }

    /**
     * Reads rows {@code i < rows} of 16 floats at {@code a[aOff + i * aStride]} (rows past
     * {@code rows} read as zeros) and writes column {@code j} as row {@code j} at
     * {@code b[bOff + j * bStride]} for {@code j < cols}. With {@code epilogue}, each written row
     * {@code j} gets {@code + bias[biasOff + j]} (0 where {@code bias} is null) and then {@code max(., 0)}
     * if {@code relu} (NaN stays NaN), element by element as the scalar copy does.
     */
    static void block16(float[] a, int aOff, int aStride, int rows, float[] b, int bOff, int bStride, int cols,
                        boolean epilogue, float[] bias, int biasOff, boolean relu) {
        FloatVector z = FloatVector.zero(S);
        FloatVector v0 = 0 < rows ? FloatVector.fromArray(S, a, aOff + 0 * aStride) : z;
        FloatVector v1 = 1 < rows ? FloatVector.fromArray(S, a, aOff + 1 * aStride) : z;
        FloatVector v2 = 2 < rows ? FloatVector.fromArray(S, a, aOff + 2 * aStride) : z;
        FloatVector v3 = 3 < rows ? FloatVector.fromArray(S, a, aOff + 3 * aStride) : z;
        FloatVector v4 = 4 < rows ? FloatVector.fromArray(S, a, aOff + 4 * aStride) : z;
        FloatVector v5 = 5 < rows ? FloatVector.fromArray(S, a, aOff + 5 * aStride) : z;
        FloatVector v6 = 6 < rows ? FloatVector.fromArray(S, a, aOff + 6 * aStride) : z;
        FloatVector v7 = 7 < rows ? FloatVector.fromArray(S, a, aOff + 7 * aStride) : z;
        FloatVector v8 = 8 < rows ? FloatVector.fromArray(S, a, aOff + 8 * aStride) : z;
        FloatVector v9 = 9 < rows ? FloatVector.fromArray(S, a, aOff + 9 * aStride) : z;
        FloatVector v10 = 10 < rows ? FloatVector.fromArray(S, a, aOff + 10 * aStride) : z;
        FloatVector v11 = 11 < rows ? FloatVector.fromArray(S, a, aOff + 11 * aStride) : z;
        FloatVector v12 = 12 < rows ? FloatVector.fromArray(S, a, aOff + 12 * aStride) : z;
        FloatVector v13 = 13 < rows ? FloatVector.fromArray(S, a, aOff + 13 * aStride) : z;
        FloatVector v14 = 14 < rows ? FloatVector.fromArray(S, a, aOff + 14 * aStride) : z;
        FloatVector v15 = 15 < rows ? FloatVector.fromArray(S, a, aOff + 15 * aStride) : z;
        FloatVector t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15;
        // round 8
        t0 = v0.rearrange(LO8, v8);
        t8 = v0.rearrange(HI8, v8);
        t1 = v1.rearrange(LO8, v9);
        t9 = v1.rearrange(HI8, v9);
        t2 = v2.rearrange(LO8, v10);
        t10 = v2.rearrange(HI8, v10);
        t3 = v3.rearrange(LO8, v11);
        t11 = v3.rearrange(HI8, v11);
        t4 = v4.rearrange(LO8, v12);
        t12 = v4.rearrange(HI8, v12);
        t5 = v5.rearrange(LO8, v13);
        t13 = v5.rearrange(HI8, v13);
        t6 = v6.rearrange(LO8, v14);
        t14 = v6.rearrange(HI8, v14);
        t7 = v7.rearrange(LO8, v15);
        t15 = v7.rearrange(HI8, v15);
        v0 = t0; v1 = t1; v2 = t2; v3 = t3; v4 = t4; v5 = t5; v6 = t6; v7 = t7; v8 = t8; v9 = t9; v10 = t10; v11 = t11; v12 = t12; v13 = t13; v14 = t14; v15 = t15;
        // round 4
        t0 = v0.rearrange(LO4, v4);
        t4 = v0.rearrange(HI4, v4);
        t1 = v1.rearrange(LO4, v5);
        t5 = v1.rearrange(HI4, v5);
        t2 = v2.rearrange(LO4, v6);
        t6 = v2.rearrange(HI4, v6);
        t3 = v3.rearrange(LO4, v7);
        t7 = v3.rearrange(HI4, v7);
        t8 = v8.rearrange(LO4, v12);
        t12 = v8.rearrange(HI4, v12);
        t9 = v9.rearrange(LO4, v13);
        t13 = v9.rearrange(HI4, v13);
        t10 = v10.rearrange(LO4, v14);
        t14 = v10.rearrange(HI4, v14);
        t11 = v11.rearrange(LO4, v15);
        t15 = v11.rearrange(HI4, v15);
        v0 = t0; v1 = t1; v2 = t2; v3 = t3; v4 = t4; v5 = t5; v6 = t6; v7 = t7; v8 = t8; v9 = t9; v10 = t10; v11 = t11; v12 = t12; v13 = t13; v14 = t14; v15 = t15;
        // round 2
        t0 = v0.rearrange(LO2, v2);
        t2 = v0.rearrange(HI2, v2);
        t1 = v1.rearrange(LO2, v3);
        t3 = v1.rearrange(HI2, v3);
        t4 = v4.rearrange(LO2, v6);
        t6 = v4.rearrange(HI2, v6);
        t5 = v5.rearrange(LO2, v7);
        t7 = v5.rearrange(HI2, v7);
        t8 = v8.rearrange(LO2, v10);
        t10 = v8.rearrange(HI2, v10);
        t9 = v9.rearrange(LO2, v11);
        t11 = v9.rearrange(HI2, v11);
        t12 = v12.rearrange(LO2, v14);
        t14 = v12.rearrange(HI2, v14);
        t13 = v13.rearrange(LO2, v15);
        t15 = v13.rearrange(HI2, v15);
        v0 = t0; v1 = t1; v2 = t2; v3 = t3; v4 = t4; v5 = t5; v6 = t6; v7 = t7; v8 = t8; v9 = t9; v10 = t10; v11 = t11; v12 = t12; v13 = t13; v14 = t14; v15 = t15;
        // round 1
        t0 = v0.rearrange(LO1, v1);
        t1 = v0.rearrange(HI1, v1);
        t2 = v2.rearrange(LO1, v3);
        t3 = v2.rearrange(HI1, v3);
        t4 = v4.rearrange(LO1, v5);
        t5 = v4.rearrange(HI1, v5);
        t6 = v6.rearrange(LO1, v7);
        t7 = v6.rearrange(HI1, v7);
        t8 = v8.rearrange(LO1, v9);
        t9 = v8.rearrange(HI1, v9);
        t10 = v10.rearrange(LO1, v11);
        t11 = v10.rearrange(HI1, v11);
        t12 = v12.rearrange(LO1, v13);
        t13 = v12.rearrange(HI1, v13);
        t14 = v14.rearrange(LO1, v15);
        t15 = v14.rearrange(HI1, v15);
        v0 = t0; v1 = t1; v2 = t2; v3 = t3; v4 = t4; v5 = t5; v6 = t6; v7 = t7; v8 = t8; v9 = t9; v10 = t10; v11 = t11; v12 = t12; v13 = t13; v14 = t14; v15 = t15;
        if (!epilogue) {
            if (0 < cols) v0.intoArray(b, bOff + 0 * bStride);
            if (1 < cols) v1.intoArray(b, bOff + 1 * bStride);
            if (2 < cols) v2.intoArray(b, bOff + 2 * bStride);
            if (3 < cols) v3.intoArray(b, bOff + 3 * bStride);
            if (4 < cols) v4.intoArray(b, bOff + 4 * bStride);
            if (5 < cols) v5.intoArray(b, bOff + 5 * bStride);
            if (6 < cols) v6.intoArray(b, bOff + 6 * bStride);
            if (7 < cols) v7.intoArray(b, bOff + 7 * bStride);
            if (8 < cols) v8.intoArray(b, bOff + 8 * bStride);
            if (9 < cols) v9.intoArray(b, bOff + 9 * bStride);
            if (10 < cols) v10.intoArray(b, bOff + 10 * bStride);
            if (11 < cols) v11.intoArray(b, bOff + 11 * bStride);
            if (12 < cols) v12.intoArray(b, bOff + 12 * bStride);
            if (13 < cols) v13.intoArray(b, bOff + 13 * bStride);
            if (14 < cols) v14.intoArray(b, bOff + 14 * bStride);
            if (15 < cols) v15.intoArray(b, bOff + 15 * bStride);
            return;
        }
        if (0 < cols) {
            FloatVector w = v0.add(bias == null ? 0f : bias[biasOff + 0]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 0 * bStride);
        }
        if (1 < cols) {
            FloatVector w = v1.add(bias == null ? 0f : bias[biasOff + 1]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 1 * bStride);
        }
        if (2 < cols) {
            FloatVector w = v2.add(bias == null ? 0f : bias[biasOff + 2]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 2 * bStride);
        }
        if (3 < cols) {
            FloatVector w = v3.add(bias == null ? 0f : bias[biasOff + 3]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 3 * bStride);
        }
        if (4 < cols) {
            FloatVector w = v4.add(bias == null ? 0f : bias[biasOff + 4]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 4 * bStride);
        }
        if (5 < cols) {
            FloatVector w = v5.add(bias == null ? 0f : bias[biasOff + 5]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 5 * bStride);
        }
        if (6 < cols) {
            FloatVector w = v6.add(bias == null ? 0f : bias[biasOff + 6]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 6 * bStride);
        }
        if (7 < cols) {
            FloatVector w = v7.add(bias == null ? 0f : bias[biasOff + 7]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 7 * bStride);
        }
        if (8 < cols) {
            FloatVector w = v8.add(bias == null ? 0f : bias[biasOff + 8]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 8 * bStride);
        }
        if (9 < cols) {
            FloatVector w = v9.add(bias == null ? 0f : bias[biasOff + 9]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 9 * bStride);
        }
        if (10 < cols) {
            FloatVector w = v10.add(bias == null ? 0f : bias[biasOff + 10]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 10 * bStride);
        }
        if (11 < cols) {
            FloatVector w = v11.add(bias == null ? 0f : bias[biasOff + 11]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 11 * bStride);
        }
        if (12 < cols) {
            FloatVector w = v12.add(bias == null ? 0f : bias[biasOff + 12]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 12 * bStride);
        }
        if (13 < cols) {
            FloatVector w = v13.add(bias == null ? 0f : bias[biasOff + 13]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 13 * bStride);
        }
        if (14 < cols) {
            FloatVector w = v14.add(bias == null ? 0f : bias[biasOff + 14]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 14 * bStride);
        }
        if (15 < cols) {
            FloatVector w = v15.add(bias == null ? 0f : bias[biasOff + 15]);
            (relu ? w.max(0f) : w).intoArray(b, bOff + 15 * bStride);
        }
    }
}
