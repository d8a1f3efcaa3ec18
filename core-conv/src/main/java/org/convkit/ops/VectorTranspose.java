package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 block transpose in registers, for the channels-first to channels-last copies around the
 * Winograd kernels (a scalar copy writes one float per store, 16 floats apart). Four rounds: round
 * {@code d} (8, 4, 2, 1) swaps the off-diagonal {@code d x d} blocks of every {@code 2d x 2d} block,
 * which after the last round has moved element {@code (i, j)} to {@code (j, i)}. Each swap is a
 * one-vector permutation and a blend (a two-vector permutation carried so much more code into the
 * compiler that compiling this method took 95 MB, which showed in the process's peak RSS).
 * Values are moved, never combined, except by the optional bias and ReLU of an output copy,
 * applied as the scalar copy applies them. Used only with 16-float vectors.
 */
final class VectorTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Whether vectors hold 16 floats, the block's width. */
    static final boolean USABLE = S.length() == 16;
    private static final VectorShuffle<Float> DOWN8 = down(8), UP8 = up(8), DOWN4 = down(4), UP4 = up(4);
    private static final VectorShuffle<Float> DOWN2 = down(2), UP2 = up(2), DOWN1 = down(1), UP1 = up(1);
    private static final VectorMask<Float> SET8 = set(8), SET4 = set(4), SET2 = set(2), SET1 = set(1);

    private VectorTranspose() {
    }

    /** Lane {@code l} with bit {@code d} set takes lane {@code l - d}. */
    private static VectorShuffle<Float> down(int d) {
        return VectorShuffle.fromOp(S, l -> (l & d) != 0 ? l - d : l);
    }

    /** Lane {@code l} with bit {@code d} clear takes lane {@code l + d}. */
    private static VectorShuffle<Float> up(int d) {
        return VectorShuffle.fromOp(S, l -> (l & d) == 0 ? l + d : l);
    }

    /** The lanes with bit {@code d} set. */
    private static VectorMask<Float> set(int d) {
        boolean[] m = new boolean[S.length()];
        for (int l = 0; l < m.length; l++) m[l] = (l & d) != 0;
        return VectorMask.fromArray(S, m, 0);
    }

    /** Rows past the block's read as these zeros. */
    private static final float[] ZEROS = new float[16];
    /** Columns past the block's are written here and never read; and the block between its two halves. */
    private static final ThreadLocal<float[]> SINK = ThreadLocal.withInitial(() -> new float[16]);
    private static final ThreadLocal<float[]> HALF = ThreadLocal.withInitial(() -> new float[256]);

    /**
     * Reads rows {@code i < rows} of 16 floats at {@code a[aOff + i * aStride]} (rows past
     * {@code rows} read as zeros) and writes column {@code j} as row {@code j} at
     * {@code b[bOff + j * bStride]} for {@code j < cols}. With {@code epilogue}, each written row
     * {@code j} gets {@code + bias[biasOff + j]} (0 where {@code bias} is null) and then {@code max(., 0)}
     * if {@code relu} (NaN stays NaN), element by element as the scalar copy does.
     *
     * <p>Kept small for the JIT compiler: two halves of two rounds each, the block passing through
     * L1 between them, and no branches (rows and columns outside the block go to {@link #ZEROS}
     * and {@link #SINK}; without an epilogue a row gets {@code + (-0)} and {@code max(., -inf)},
     * which leave every value as it is). Written as one straight-line method with branches, its
     * compilation took 65-95 MB of the compiler's memory, which showed in the process's peak RSS.
     */
    static void block16(float[] a, int aOff, int aStride, int rows, float[] b, int bOff, int bStride, int cols,
                        boolean epilogue, float[] bias, int biasOff, boolean relu) {
        float[] half = HALF.get();
        firstHalf(a, aOff, aStride, rows, half);
        secondHalf(half, b, bOff, bStride, cols, epilogue, bias, biasOff, relu);
    }

    /** Rounds 8 and 4, into {@code half} (row {@code i} at {@code 16 i}). */
    private static void firstHalf(float[] a, int aOff, int aStride, int rows, float[] half) {
        FloatVector v0 = FloatVector.fromArray(S, 0 < rows ? a : ZEROS, 0 < rows ? aOff + 0 * aStride : 0);
        FloatVector v1 = FloatVector.fromArray(S, 1 < rows ? a : ZEROS, 1 < rows ? aOff + 1 * aStride : 0);
        FloatVector v2 = FloatVector.fromArray(S, 2 < rows ? a : ZEROS, 2 < rows ? aOff + 2 * aStride : 0);
        FloatVector v3 = FloatVector.fromArray(S, 3 < rows ? a : ZEROS, 3 < rows ? aOff + 3 * aStride : 0);
        FloatVector v4 = FloatVector.fromArray(S, 4 < rows ? a : ZEROS, 4 < rows ? aOff + 4 * aStride : 0);
        FloatVector v5 = FloatVector.fromArray(S, 5 < rows ? a : ZEROS, 5 < rows ? aOff + 5 * aStride : 0);
        FloatVector v6 = FloatVector.fromArray(S, 6 < rows ? a : ZEROS, 6 < rows ? aOff + 6 * aStride : 0);
        FloatVector v7 = FloatVector.fromArray(S, 7 < rows ? a : ZEROS, 7 < rows ? aOff + 7 * aStride : 0);
        FloatVector v8 = FloatVector.fromArray(S, 8 < rows ? a : ZEROS, 8 < rows ? aOff + 8 * aStride : 0);
        FloatVector v9 = FloatVector.fromArray(S, 9 < rows ? a : ZEROS, 9 < rows ? aOff + 9 * aStride : 0);
        FloatVector v10 = FloatVector.fromArray(S, 10 < rows ? a : ZEROS, 10 < rows ? aOff + 10 * aStride : 0);
        FloatVector v11 = FloatVector.fromArray(S, 11 < rows ? a : ZEROS, 11 < rows ? aOff + 11 * aStride : 0);
        FloatVector v12 = FloatVector.fromArray(S, 12 < rows ? a : ZEROS, 12 < rows ? aOff + 12 * aStride : 0);
        FloatVector v13 = FloatVector.fromArray(S, 13 < rows ? a : ZEROS, 13 < rows ? aOff + 13 * aStride : 0);
        FloatVector v14 = FloatVector.fromArray(S, 14 < rows ? a : ZEROS, 14 < rows ? aOff + 14 * aStride : 0);
        FloatVector v15 = FloatVector.fromArray(S, 15 < rows ? a : ZEROS, 15 < rows ? aOff + 15 * aStride : 0);
        FloatVector t;
        // round 8: row i keeps its lanes without bit 8 and takes row i+8's; row i+8 the other way
        t = v0.blend(v8.rearrange(DOWN8), SET8);
        v8 = v0.rearrange(UP8).blend(v8, SET8);
        v0 = t;
        t = v1.blend(v9.rearrange(DOWN8), SET8);
        v9 = v1.rearrange(UP8).blend(v9, SET8);
        v1 = t;
        t = v2.blend(v10.rearrange(DOWN8), SET8);
        v10 = v2.rearrange(UP8).blend(v10, SET8);
        v2 = t;
        t = v3.blend(v11.rearrange(DOWN8), SET8);
        v11 = v3.rearrange(UP8).blend(v11, SET8);
        v3 = t;
        t = v4.blend(v12.rearrange(DOWN8), SET8);
        v12 = v4.rearrange(UP8).blend(v12, SET8);
        v4 = t;
        t = v5.blend(v13.rearrange(DOWN8), SET8);
        v13 = v5.rearrange(UP8).blend(v13, SET8);
        v5 = t;
        t = v6.blend(v14.rearrange(DOWN8), SET8);
        v14 = v6.rearrange(UP8).blend(v14, SET8);
        v6 = t;
        t = v7.blend(v15.rearrange(DOWN8), SET8);
        v15 = v7.rearrange(UP8).blend(v15, SET8);
        v7 = t;
        // round 4: row i keeps its lanes without bit 4 and takes row i+4's; row i+4 the other way
        t = v0.blend(v4.rearrange(DOWN4), SET4);
        v4 = v0.rearrange(UP4).blend(v4, SET4);
        v0 = t;
        t = v1.blend(v5.rearrange(DOWN4), SET4);
        v5 = v1.rearrange(UP4).blend(v5, SET4);
        v1 = t;
        t = v2.blend(v6.rearrange(DOWN4), SET4);
        v6 = v2.rearrange(UP4).blend(v6, SET4);
        v2 = t;
        t = v3.blend(v7.rearrange(DOWN4), SET4);
        v7 = v3.rearrange(UP4).blend(v7, SET4);
        v3 = t;
        t = v8.blend(v12.rearrange(DOWN4), SET4);
        v12 = v8.rearrange(UP4).blend(v12, SET4);
        v8 = t;
        t = v9.blend(v13.rearrange(DOWN4), SET4);
        v13 = v9.rearrange(UP4).blend(v13, SET4);
        v9 = t;
        t = v10.blend(v14.rearrange(DOWN4), SET4);
        v14 = v10.rearrange(UP4).blend(v14, SET4);
        v10 = t;
        t = v11.blend(v15.rearrange(DOWN4), SET4);
        v15 = v11.rearrange(UP4).blend(v15, SET4);
        v11 = t;
        v0.intoArray(half, 0);
        v1.intoArray(half, 16);
        v2.intoArray(half, 32);
        v3.intoArray(half, 48);
        v4.intoArray(half, 64);
        v5.intoArray(half, 80);
        v6.intoArray(half, 96);
        v7.intoArray(half, 112);
        v8.intoArray(half, 128);
        v9.intoArray(half, 144);
        v10.intoArray(half, 160);
        v11.intoArray(half, 176);
        v12.intoArray(half, 192);
        v13.intoArray(half, 208);
        v14.intoArray(half, 224);
        v15.intoArray(half, 240);
    }

    /** Rounds 2 and 1 from {@code half}, then the stores. */
    private static void secondHalf(float[] half, float[] b, int bOff, int bStride, int cols, boolean epilogue, float[] bias,
                                   int biasOff, boolean relu) {
        float[] sink = SINK.get();
        float floor = epilogue && relu ? 0f : Float.NEGATIVE_INFINITY;
        FloatVector v0 = FloatVector.fromArray(S, half, 0);
        FloatVector v1 = FloatVector.fromArray(S, half, 16);
        FloatVector v2 = FloatVector.fromArray(S, half, 32);
        FloatVector v3 = FloatVector.fromArray(S, half, 48);
        FloatVector v4 = FloatVector.fromArray(S, half, 64);
        FloatVector v5 = FloatVector.fromArray(S, half, 80);
        FloatVector v6 = FloatVector.fromArray(S, half, 96);
        FloatVector v7 = FloatVector.fromArray(S, half, 112);
        FloatVector v8 = FloatVector.fromArray(S, half, 128);
        FloatVector v9 = FloatVector.fromArray(S, half, 144);
        FloatVector v10 = FloatVector.fromArray(S, half, 160);
        FloatVector v11 = FloatVector.fromArray(S, half, 176);
        FloatVector v12 = FloatVector.fromArray(S, half, 192);
        FloatVector v13 = FloatVector.fromArray(S, half, 208);
        FloatVector v14 = FloatVector.fromArray(S, half, 224);
        FloatVector v15 = FloatVector.fromArray(S, half, 240);
        FloatVector t;
        // round 2: row i keeps its lanes without bit 2 and takes row i+2's; row i+2 the other way
        t = v0.blend(v2.rearrange(DOWN2), SET2);
        v2 = v0.rearrange(UP2).blend(v2, SET2);
        v0 = t;
        t = v1.blend(v3.rearrange(DOWN2), SET2);
        v3 = v1.rearrange(UP2).blend(v3, SET2);
        v1 = t;
        t = v4.blend(v6.rearrange(DOWN2), SET2);
        v6 = v4.rearrange(UP2).blend(v6, SET2);
        v4 = t;
        t = v5.blend(v7.rearrange(DOWN2), SET2);
        v7 = v5.rearrange(UP2).blend(v7, SET2);
        v5 = t;
        t = v8.blend(v10.rearrange(DOWN2), SET2);
        v10 = v8.rearrange(UP2).blend(v10, SET2);
        v8 = t;
        t = v9.blend(v11.rearrange(DOWN2), SET2);
        v11 = v9.rearrange(UP2).blend(v11, SET2);
        v9 = t;
        t = v12.blend(v14.rearrange(DOWN2), SET2);
        v14 = v12.rearrange(UP2).blend(v14, SET2);
        v12 = t;
        t = v13.blend(v15.rearrange(DOWN2), SET2);
        v15 = v13.rearrange(UP2).blend(v15, SET2);
        v13 = t;
        // round 1: row i keeps its lanes without bit 1 and takes row i+1's; row i+1 the other way
        t = v0.blend(v1.rearrange(DOWN1), SET1);
        v1 = v0.rearrange(UP1).blend(v1, SET1);
        v0 = t;
        t = v2.blend(v3.rearrange(DOWN1), SET1);
        v3 = v2.rearrange(UP1).blend(v3, SET1);
        v2 = t;
        t = v4.blend(v5.rearrange(DOWN1), SET1);
        v5 = v4.rearrange(UP1).blend(v5, SET1);
        v4 = t;
        t = v6.blend(v7.rearrange(DOWN1), SET1);
        v7 = v6.rearrange(UP1).blend(v7, SET1);
        v6 = t;
        t = v8.blend(v9.rearrange(DOWN1), SET1);
        v9 = v8.rearrange(UP1).blend(v9, SET1);
        v8 = t;
        t = v10.blend(v11.rearrange(DOWN1), SET1);
        v11 = v10.rearrange(UP1).blend(v11, SET1);
        v10 = t;
        t = v12.blend(v13.rearrange(DOWN1), SET1);
        v13 = v12.rearrange(UP1).blend(v13, SET1);
        v12 = t;
        t = v14.blend(v15.rearrange(DOWN1), SET1);
        v15 = v14.rearrange(UP1).blend(v15, SET1);
        v14 = t;
        v0.add(epilogue ? (bias == null || 0 >= cols ? 0f : bias[biasOff + 0]) : -0f).max(floor)
                .intoArray(0 < cols ? b : sink, 0 < cols ? bOff + 0 * bStride : 0);
        v1.add(epilogue ? (bias == null || 1 >= cols ? 0f : bias[biasOff + 1]) : -0f).max(floor)
                .intoArray(1 < cols ? b : sink, 1 < cols ? bOff + 1 * bStride : 0);
        v2.add(epilogue ? (bias == null || 2 >= cols ? 0f : bias[biasOff + 2]) : -0f).max(floor)
                .intoArray(2 < cols ? b : sink, 2 < cols ? bOff + 2 * bStride : 0);
        v3.add(epilogue ? (bias == null || 3 >= cols ? 0f : bias[biasOff + 3]) : -0f).max(floor)
                .intoArray(3 < cols ? b : sink, 3 < cols ? bOff + 3 * bStride : 0);
        v4.add(epilogue ? (bias == null || 4 >= cols ? 0f : bias[biasOff + 4]) : -0f).max(floor)
                .intoArray(4 < cols ? b : sink, 4 < cols ? bOff + 4 * bStride : 0);
        v5.add(epilogue ? (bias == null || 5 >= cols ? 0f : bias[biasOff + 5]) : -0f).max(floor)
                .intoArray(5 < cols ? b : sink, 5 < cols ? bOff + 5 * bStride : 0);
        v6.add(epilogue ? (bias == null || 6 >= cols ? 0f : bias[biasOff + 6]) : -0f).max(floor)
                .intoArray(6 < cols ? b : sink, 6 < cols ? bOff + 6 * bStride : 0);
        v7.add(epilogue ? (bias == null || 7 >= cols ? 0f : bias[biasOff + 7]) : -0f).max(floor)
                .intoArray(7 < cols ? b : sink, 7 < cols ? bOff + 7 * bStride : 0);
        v8.add(epilogue ? (bias == null || 8 >= cols ? 0f : bias[biasOff + 8]) : -0f).max(floor)
                .intoArray(8 < cols ? b : sink, 8 < cols ? bOff + 8 * bStride : 0);
        v9.add(epilogue ? (bias == null || 9 >= cols ? 0f : bias[biasOff + 9]) : -0f).max(floor)
                .intoArray(9 < cols ? b : sink, 9 < cols ? bOff + 9 * bStride : 0);
        v10.add(epilogue ? (bias == null || 10 >= cols ? 0f : bias[biasOff + 10]) : -0f).max(floor)
                .intoArray(10 < cols ? b : sink, 10 < cols ? bOff + 10 * bStride : 0);
        v11.add(epilogue ? (bias == null || 11 >= cols ? 0f : bias[biasOff + 11]) : -0f).max(floor)
                .intoArray(11 < cols ? b : sink, 11 < cols ? bOff + 11 * bStride : 0);
        v12.add(epilogue ? (bias == null || 12 >= cols ? 0f : bias[biasOff + 12]) : -0f).max(floor)
                .intoArray(12 < cols ? b : sink, 12 < cols ? bOff + 12 * bStride : 0);
        v13.add(epilogue ? (bias == null || 13 >= cols ? 0f : bias[biasOff + 13]) : -0f).max(floor)
                .intoArray(13 < cols ? b : sink, 13 < cols ? bOff + 13 * bStride : 0);
        v14.add(epilogue ? (bias == null || 14 >= cols ? 0f : bias[biasOff + 14]) : -0f).max(floor)
                .intoArray(14 < cols ? b : sink, 14 < cols ? bOff + 14 * bStride : 0);
        v15.add(epilogue ? (bias == null || 15 >= cols ? 0f : bias[biasOff + 15]) : -0f).max(floor)
                .intoArray(15 < cols ? b : sink, 15 < cols ? bOff + 15 * bStride : 0);
    }
}
