package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix product on the Vector API, in the loop structure of Goto and van de
 * Geijn (2008, "Anatomy of high-performance matrix multiplication") as BLIS arranges it: B is
 * packed into {@code KC x NR} column strips, A into {@code MR x KC} row strips, and a
 * register-blocked micro-kernel keeps an {@code MR x NR} tile of C in {@code 2*MR} vector
 * registers ({@code NR} = two vectors of the preferred species: 32 floats on AVX-512) while it
 * runs down the shared dimension with one fused multiply-add per accumulator per step.
 *
 * <p>Every element of C is summed in the same order (the shared dimension in blocks of
 * {@link #KC}, in order) however the work is split over rows or columns, so results do not depend
 * on the thread count. Loaded only when the {@code jdk.incubator.vector} module is present (see
 * {@link Sgemm}).
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Columns of C per micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of C per micro-tile: 8 with 32 vector registers (AVX-512), 4 with 16 (AVX2). */
    static final int MR = L >= 16 ? 8 : 4;
    /** Shared-dimension block: a {@code KC x NR} strip of packed B (16 KB) stays in L1. */
    static final int KC = ScalarGemm.KC;
    /** Rows of A packed at once ({@code MC x KC}, 64 KB, stays in L2). */
    static final int MC = roundUp(Integer.getInteger("convkit.gemm.mc", 128), MR);
    /** Columns of B packed at once ({@code KC x NC}, 1 MB). */
    static final int NC = roundUp(Integer.getInteger("convkit.gemm.nc", 2048), NR);

    /** Whether a row-major B is read in place rather than packed (see {@link #gemm}). */
    static final boolean DIRECT_B = Boolean.parseBoolean(System.getProperty("convkit.gemm.directB", "true"));

    private static final ThreadLocal<float[][]> PACKS = ThreadLocal.withInitial(
            () -> new float[][]{new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private VectorGemm() {
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /**
     * {@code C[rows m0..m1, cols n0..n1] = (accumulate ? C : 0) + op(A) op(B) + rowBias}, then ReLU
     * if asked. {@code op(A)} is {@code m x k}: A stored row-major {@code m x k} (lda) or, when
     * {@code transA}, stored {@code k x m}. {@code op(B)} is {@code k x n}: stored {@code k x n} or,
     * when {@code transB}, {@code n x k}.
     */
    static void gemm(boolean transA, boolean transB, int m0, int m1, int n0, int n1, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        gemm(transA, transB, m0, m1, n0, n1, k, a, aOff, lda, b, bOff, ldb, null, 0, 0, c, cOff, ldc, accumulate, bias,
                biasOff, relu);
    }

    /** Floats a {@code k x n} matrix takes in the layout of {@link #packB(float[], int, int, int, int, float[], int)}. */
    static int packedBSize(int k, int n) {
        return k * roundUp(n, NR);
    }

    /**
     * Packs a whole row-major {@code k x n} matrix B (leading dimension {@code ldb}) once, for
     * {@link #gemmPackedB}: for each {@link #KC} block of the shared dimension, {@code NR}-column
     * strips {@code [strip][p][NR]} one after another, the last strip's spare columns zero. This
     * is the layout {@link #gemm} packs B into before every product; a B used by many products
     * (a layer's transformed filters kept between inference calls) is packed once instead.
     */
    static void packB(float[] b, int bOff, int ldb, int k, int n, float[] dst, int dOff) {
        int width = roundUp(n, NR);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int s = 0; s < n; s += NR) {
                int cols = Math.min(NR, n - s), base = dOff + pc * width + s * kc;
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + s, at = base + p * NR;
                    System.arraycopy(b, src, dst, at, cols);
                    java.util.Arrays.fill(dst, at + cols, at + NR, 0f);
                }
            }
        }
    }

    /**
     * {@code C[rows m0..m1, all n columns] = (accumulate ? C : 0) + A B + rowBias}, then ReLU if
     * asked, with A row-major {@code m x k} and B as {@link #packB(float[], int, int, int, int, float[], int)}
     * left it at {@code bp[bpOff]}: the same arithmetic as {@link #gemm}, so the same bits.
     */
    static void gemmPackedB(int m0, int m1, int n, int k, float[] a, int aOff, int lda, float[] bp, int bpOff,
                            float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        gemm(false, false, m0, m1, 0, n, k, a, aOff, lda, null, 0, 0, bp, bpOff, roundUp(n, NR), c, cOff, ldc, accumulate,
                bias, biasOff, relu);
    }

    /**
     * {@code C[rows m0..m1, columns n0..n1] = A B + rowBias}, then ReLU if asked, with A row-major
     * {@code m x k} and B never stored: {@code B[p][j] = x[at[p] + q[j]]}, the rows of a convolution's
     * unrolled input read from the (padded) input itself, each {@code NR}-column strip packed from
     * {@code x} just before its products. The same blocks, micro-kernel and epilogue as
     * {@link #gemm}, so the bits of {@link #gemm} on the unrolled matrix.
     */
    static void gemmGatheredB(int m0, int m1, int n0, int n1, int k, float[] a, int aOff, int lda, float[] x, int[] at,
                              int[] q, float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean relu) {
        if (m1 <= m0 || n1 <= n0) return;
        float[][] packs = PACKS.get();
        float[] ap = packs[0], bp = packs[1], tile = packs[2];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean first = pc == 0, last = pc + kc >= k;
            for (int ic = m0; ic < m1; ic += MC) {
                int mc = Math.min(MC, m1 - ic);
                packA(false, a, aOff, lda, ic, mc, pc, kc, ap);
                for (int jr = n0; jr < n1; jr += NR) {
                    int cols = Math.min(NR, n1 - jr);
                    // the strip's kc x NR values from the input, run by run of consecutive
                    // positions (a row of outputs; spare columns zero)
                    for (int j0 = 0; j0 < cols; ) {
                        int j1 = j0 + 1, q0 = q[jr + j0];
                        while (j1 < cols && q[jr + j1] == q0 + (j1 - j0)) j1++;
                        for (int p = 0; p < kc; p++) System.arraycopy(x, at[pc + p] + q0, bp, p * NR + j0, j1 - j0);
                        j0 = j1;
                    }
                    for (int p = 0; cols < NR && p < kc; p++) java.util.Arrays.fill(bp, p * NR + cols, (p + 1) * NR, 0f);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int rows = Math.min(MR, mc - ir);
                        if (MR == 8) kernel8(ap, ir * kc, bp, 0, NR, kc, tile);
                        else kernel4(ap, ir * kc, bp, 0, NR, kc, tile);
                        epilogue(tile, c, cOff + (ic + ir) * ldc + jr, ldc, rows, cols, !first, first ? bias : null,
                                biasOff + ic + ir, relu && last);
                    }
                }
            }
        }
    }

    /** {@link #gemm}, B either as given ({@code bp} null) or packed whole at {@code bp[bpOff]}, {@code width} columns padded. */
    private static void gemm(boolean transA, boolean transB, int m0, int m1, int n0, int n1, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] bpw, int bpOff, int width,
                             float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        if (m1 <= m0 || n1 <= n0) return;
        if (k == 0) {
            ScalarGemm.epilogueOnly(m0, m1, n0, n1, c, cOff, ldc, accumulate, bias, biasOff, relu);
            return;
        }
        float[][] packs = PACKS.get();
        float[] ap = packs[0], bp = packs[1], tile = packs[2];
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean first = pc == 0, last = pc + kc >= k;
                // A row-major B is read in place, full strips straight from B (each k step is then
                // a separate cache line, but packing would cost a pass over B that only M/MR
                // row strips reuse); only the ragged last strip is packed, zero-filled.
                boolean prepacked = bpw != null, direct = !prepacked && !transB && DIRECT_B;
                int fullCols = direct ? nc / NR * NR : 0;
                if (!direct && !prepacked) packB(false, transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                else if (direct && fullCols < nc) packB(true, false, b, bOff, ldb, pc, kc, jc + fullCols, nc - fullCols, bp);
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        float[] bb;
                        int bo, bs;
                        if (prepacked) {
                            // strips of the whole B are NR wide from column 0: jc and jr are multiples of NR
                            bb = bpw;
                            bo = bpOff + pc * width + (jc + jr) * kc;
                            bs = NR;
                        } else if (!direct) {
                            bb = bp;
                            bo = jr * kc;
                            bs = NR;
                        } else if (jr < fullCols) {
                            bb = b;
                            bo = bOff + pc * ldb + jc + jr;
                            bs = ldb;
                        } else {
                            bb = bp;
                            bo = 0;
                            bs = NR;
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int co = cOff + (ic + ir) * ldc + jc + jr;
                            boolean load = !first || accumulate;
                            float[] bias1 = first ? bias : null;
                            int bio = biasOff + ic + ir;
                            if (MR == 8) kernel8(ap, ir * kc, bb, bo, bs, kc, tile);
                            else kernel4(ap, ir * kc, bb, bo, bs, kc, tile);
                            epilogue(tile, c, co, ldc, rows, cols, load, bias1, bio, relu && last);
                        }
                    }
                }
            }
        }
    }

    /** Packs rows {@code [i0, i0+mc)} x shared {@code [p0, p0+kc)} of op(A) as strips of MR rows, {@code [strip][p][MR]}. */
    private static void packA(boolean trans, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap) {
        for (int s = 0; s < mc; s += MR) {
            int rows = Math.min(MR, mc - s), base = s * kc;
            if (trans && rows == MR) {
                // A stored k x m, a whole strip: each step of p is one copy of MR contiguous floats
                for (int p = 0; p < kc; p++) System.arraycopy(a, aOff + (p0 + p) * lda + i0 + s, ap, base + p * MR, MR);
            } else if (trans) {
                // A stored k x m: row p of storage holds op(A)'s column p, contiguous over i.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + s, dst = base + p * MR;
                    for (int r = 0; r < rows; r++) ap[dst + r] = a[src + r];
                    for (int r = rows; r < MR; r++) ap[dst + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + s + r) * lda + p0, dst = base + r;
                    for (int p = 0; p < kc; p++) ap[dst + p * MR] = a[src + p];
                }
                for (int r = rows; r < MR; r++) for (int p = 0; p < kc; p++) ap[base + r + p * MR] = 0f;
            }
        }
    }

    /** Packs shared {@code [p0, p0+kc)} x columns {@code [j0, j0+nc)} of op(B) as strips of NR columns, {@code [strip][p][NR]}. */
    private static void packB(boolean single, boolean trans, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                              float[] bp) {
        for (int s = 0; s < nc; s += NR) {
            int cols = Math.min(NR, nc - s), base = single ? 0 : s * kc;
            if (trans) {
                // B stored n x k: each column of op(B) is a contiguous run of storage.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + s + j) * ldb + p0, dst = base + j;
                    for (int p = 0; p < kc; p++) bp[dst + p * NR] = b[src + p];
                }
                for (int j = cols; j < NR; j++) for (int p = 0; p < kc; p++) bp[base + j + p * NR] = 0f;
            } else if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + s, dst = base + p * NR;
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + s, dst = base + p * NR;
                    System.arraycopy(b, src, bp, dst, cols);
                    java.util.Arrays.fill(bp, dst + cols, dst + NR, 0f);
                }
            }
        }
    }

    /**
     * An 8 x NR tile: 16 accumulators, written to {@code tile} (row-major, NR wide). The
     * accumulators never leave this method as objects: passing vectors to a method the JIT does
     * not inline would box them, which costs more than the tile's arithmetic.
     */
    private static void kernel8(float[] ap, int ao, float[] bp, int bo, int bs, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z, d6 = z, d7 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * bs, ai = ao + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c0 = av.fma(b0, c0);
            d0 = av.fma(b1, d0);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c1 = av.fma(b0, c1);
            d1 = av.fma(b1, d1);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c2 = av.fma(b0, c2);
            d2 = av.fma(b1, d2);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c3 = av.fma(b0, c3);
            d3 = av.fma(b1, d3);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c4 = av.fma(b0, c4);
            d4 = av.fma(b1, d4);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c5 = av.fma(b0, c5);
            d5 = av.fma(b1, d5);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c6 = av.fma(b0, c6);
            d6 = av.fma(b1, d6);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c7 = av.fma(b0, c7);
            d7 = av.fma(b1, d7);
        }
        c0.intoArray(tile, 0);
        d0.intoArray(tile, L);
        c1.intoArray(tile, NR);
        d1.intoArray(tile, NR + L);
        c2.intoArray(tile, 2 * NR);
        d2.intoArray(tile, 2 * NR + L);
        c3.intoArray(tile, 3 * NR);
        d3.intoArray(tile, 3 * NR + L);
        c4.intoArray(tile, 4 * NR);
        d4.intoArray(tile, 4 * NR + L);
        c5.intoArray(tile, 5 * NR);
        d5.intoArray(tile, 5 * NR + L);
        c6.intoArray(tile, 6 * NR);
        d6.intoArray(tile, 6 * NR + L);
        c7.intoArray(tile, 7 * NR);
        d7.intoArray(tile, 7 * NR + L);
    }

    /** A 4 x NR tile: 8 accumulators, for targets with 16 vector registers. */
    private static void kernel4(float[] ap, int ao, float[] bp, int bo, int bs, int kc, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, d0 = z, d1 = z, d2 = z, d3 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * bs, ai = ao + p * 4;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c0 = av.fma(b0, c0);
            d0 = av.fma(b1, d0);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c1 = av.fma(b0, c1);
            d1 = av.fma(b1, d1);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c2 = av.fma(b0, c2);
            d2 = av.fma(b1, d2);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c3 = av.fma(b0, c3);
            d3 = av.fma(b1, d3);
        }
        c0.intoArray(tile, 0);
        d0.intoArray(tile, L);
        c1.intoArray(tile, NR);
        d1.intoArray(tile, NR + L);
        c2.intoArray(tile, 2 * NR);
        d2.intoArray(tile, 2 * NR + L);
        c3.intoArray(tile, 3 * NR);
        d3.intoArray(tile, 3 * NR + L);
    }

    /** Writes a tile's rows into C: {@code (load ? C : 0) + acc + bias}, then ReLU (Math.max, so NaN stays NaN). */
    private static void epilogue(float[] tile, float[] c, int co, int ldc, int rows, int cols, boolean load,
                                 float[] bias, int bio, boolean relu) {
        if (cols >= NR) {
            for (int r = 0; r < rows; r++) {
                int off = co + r * ldc;
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR), v1 = FloatVector.fromArray(S, tile, r * NR + L);
                if (load) {
                    v0 = FloatVector.fromArray(S, c, off).add(v0);
                    v1 = FloatVector.fromArray(S, c, off + L).add(v1);
                }
                if (bias != null) {
                    v0 = v0.add(bias[bio + r]);
                    v1 = v1.add(bias[bio + r]);
                }
                if (relu) {
                    v0 = v0.max(0f);
                    v1 = v1.max(0f);
                }
                v0.intoArray(c, off);
                v1.intoArray(c, off + L);
            }
        } else {
            // the ragged last strip: scalar, since masked vector stores near an array's end take a slow path
            for (int r = 0; r < rows; r++) {
                int off = co + r * ldc, t = r * NR;
                float bv = bias != null ? bias[bio + r] : 0f;
                for (int j = 0; j < cols; j++) {
                    float v = load ? c[off + j] + tile[t + j] : tile[t + j];
                    if (bias != null) v = v + bv;
                    if (relu) v = Math.max(v, 0f);
                    c[off + j] = v;
                }
            }
        }
    }
}
