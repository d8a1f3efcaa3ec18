package org.convkit.ops;

import java.util.Locale;

/**
 * Single-precision matrix products on row-major arrays with leading dimensions, in pure Java.
 *
 * <p>With the {@code jdk.incubator.vector} module present (run with
 * {@code --add-modules jdk.incubator.vector}) products run on a packed, register-blocked
 * micro-kernel in the Vector API ({@link VectorGemm}); without it (or with
 * {@code -Dconvkit.vector=false}) on plain loops that the JIT auto-vectorises. No native code
 * either way.
 *
 * <p>Called from outside the {@link Parallel} pool, a large product is split over the pool's
 * threads by blocks of rows or columns of C; each element of C is summed in the same order
 * whatever the split, so the result is the same to the bit for any thread count.
 */
public final class Sgemm {
    /** Whether the Vector API path is in use. */
    public static final boolean VECTOR = vectorUsable();
    /** Products smaller than this many multiply-adds are not split over threads. */
    static final long PARALLEL_MIN_MACS = 1L << 21;

    private Sgemm() {
    }

    private static boolean vectorUsable() {
        if (!Boolean.parseBoolean(System.getProperty("convkit.vector", "true"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        // Without SIMD intrinsics for at least 8 float lanes (or NEON's 4) the Vector API runs
        // in its slow Java fallback; the plain loops are faster there.
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        int lanes = VectorGemm.L;
        return lanes >= 8 || (arch.equals("aarch64") && lanes >= 4);
    }

    /** A one-line description of the path in use, e.g. {@code vector-api 512-bit (16 x float), tile 8x32}. */
    public static String describe() {
        return VECTOR
                ? "vector-api " + VectorGemm.L * 32 + "-bit (" + VectorGemm.L + " x float), tile " + VectorGemm.MR + "x"
                  + VectorGemm.NR + ", kc " + VectorGemm.KC
                : "scalar loops (jdk.incubator.vector not in use)";
    }

    /**
     * {@code C[m x n] = (accumulate ? C : 0) + op(A) op(B) + bias}, then {@code max(., 0)} if
     * {@code relu}. {@code op(A)} is {@code m x k}, stored row-major {@code m x k} with leading
     * dimension {@code lda}, or stored {@code k x m} when {@code transA}; {@code op(B)} is
     * {@code k x n}, stored {@code k x n} or {@code n x k} when {@code transB}. {@code bias} (may
     * be null) holds one value per row of C from {@code biasOff}. ReLU uses {@link Math#max}, so
     * NaN stays NaN.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        if (m <= 0 || n <= 0) return;
        int threads = Parallel.threads();
        if (threads > 1 && thin(transA, transB, m, k) && n > 1 && (long) n * k >= THIN_PARALLEL_MIN && !Parallel.inWorker()) {
            // a few rows against a large B is bound by reading B: each thread reads its own columns' rows
            int parts = Math.min(threads, n);
            Parallel.forEach(parts, t -> run(transA, transB, 0, m, Parallel.chunkStart(n, parts, t),
                    Parallel.chunkStart(n, parts, t + 1), k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu));
            return;
        }
        if (threads > 1 && (long) m * n * k >= PARALLEL_MIN_MACS && !Parallel.inWorker()) {
            int mr = VECTOR ? VectorGemm.MR : 4, nr = VECTOR ? VectorGemm.NR : 16;
            boolean byCols = n >= m;
            int unit = byCols ? nr : mr, extent = byCols ? n : m;
            int units = (extent + unit - 1) / unit, parts = Math.min(threads, units);
            if (parts > 1) {
                Parallel.forEach(parts, t -> {
                    int from = Math.min(extent, Parallel.chunkStart(units, parts, t) * unit);
                    int to = Math.min(extent, Parallel.chunkStart(units, parts, t + 1) * unit);
                    if (byCols) run(transA, transB, 0, m, from, to, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
                    else run(transA, transB, from, to, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
                });
                return;
            }
        }
        run(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
    }

    /** As {@link #gemm} on the calling thread only. */
    public static void gemmSerial(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        run(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
    }

    private static void run(boolean transA, boolean transB, int m0, int m1, int n0, int n1, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        if (thin(transA, transB, m1 - m0, k)) {
            thinNT(m0, m1, n0, n1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
            return;
        }
        if (VECTOR) {
            VectorGemm.gemm(transA, transB, m0, m1, n0, n1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
        } else {
            ScalarGemm.gemm(transA, transB, m0, m1, n0, n1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
        }
    }

    /**
     * At most this many rows of A against a B stored {@code n x k}: a dense layer on one example
     * (26,624 x 12 in W1). Packing would copy all of B into zero-padded strips to serve a single
     * row (it measured 0.6 ms of W1's 2.4 ms batch-1 pass); here every element of C is a run of
     * fused multiply-adds along two contiguous rows instead.
     */
    static final int THIN_ROWS = 2;
    /** Thin products with at least this many elements of B are split over the threads by columns. */
    private static final long THIN_PARALLEL_MIN = 1L << 16;

    private static boolean thin(boolean transA, boolean transB, int rows, int k) {
        return transB && !transA && rows <= THIN_ROWS && k > 0;
    }
    /** Columns of C summed side by side in {@link #thinNT}: independent chains that hide the FMA latency. */
    private static final int THIN_COLS = 8;

    /**
     * {@code C = (accumulate ? C : 0) + A B^T + bias}, ReLU, for few rows of A: the same arithmetic
     * as the packed paths element for element (blocks of {@link ScalarGemm#KC} summed from zero in
     * order, added to C, then bias, then ReLU), so the bits do not depend on the path.
     */
    private static void thinNT(int m0, int m1, int n0, int n1, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                               int ldb, float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff,
                               boolean relu) {
        for (int i = m0; i < m1; i++) {
            int ar = aOff + i * lda, cr = cOff + i * ldc;
            for (int pc = 0; pc < k; pc += ScalarGemm.KC) {
                int kc = Math.min(ScalarGemm.KC, k - pc);
                boolean first = pc == 0, load = !first || accumulate, addBias = first && bias != null;
                boolean r = relu && pc + kc >= k;
                float bv = addBias ? bias[biasOff + i] : 0f;
                for (int j = n0; j < n1; j += THIN_COLS) {
                    block8(a, ar + pc, b, bOff + j * ldb + pc, ldb, kc, Math.min(THIN_COLS, n1 - j), c, cr + j, load,
                            addBias, bv, r);
                }
            }
        }
    }

    /**
     * {@code cols} (at most eight) dot products of one run of A with rows of B, {@code kc} long, as
     * eight independent FMA chains, each stored into C through {@link #store}. With fewer than
     * eight columns the spare chains repeat the last row and are not stored: one chain alone
     * would wait out the FMA latency at every step (a 12-column dense layer's last four columns
     * took four times as long as its first eight).
     */
    private static void block8(float[] a, int ao, float[] b, int bo, int ldb, int kc, int cols, float[] c, int co,
                               boolean load, boolean addBias, float bv, boolean relu) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int last = cols - 1;
        int b1 = bo + Math.min(1, last) * ldb, b2 = bo + Math.min(2, last) * ldb, b3 = bo + Math.min(3, last) * ldb;
        int b4 = bo + Math.min(4, last) * ldb, b5 = bo + Math.min(5, last) * ldb, b6 = bo + Math.min(6, last) * ldb;
        int b7 = bo + Math.min(7, last) * ldb;
        for (int p = 0; p < kc; p++) {
            float av = a[ao + p];
            s0 = Math.fma(av, b[bo + p], s0);
            s1 = Math.fma(av, b[b1 + p], s1);
            s2 = Math.fma(av, b[b2 + p], s2);
            s3 = Math.fma(av, b[b3 + p], s3);
            s4 = Math.fma(av, b[b4 + p], s4);
            s5 = Math.fma(av, b[b5 + p], s5);
            s6 = Math.fma(av, b[b6 + p], s6);
            s7 = Math.fma(av, b[b7 + p], s7);
        }
        store(c, co, s0, load, addBias, bv, relu);
        if (cols > 1) store(c, co + 1, s1, load, addBias, bv, relu);
        if (cols > 2) store(c, co + 2, s2, load, addBias, bv, relu);
        if (cols > 3) store(c, co + 3, s3, load, addBias, bv, relu);
        if (cols > 4) store(c, co + 4, s4, load, addBias, bv, relu);
        if (cols > 5) store(c, co + 5, s5, load, addBias, bv, relu);
        if (cols > 6) store(c, co + 6, s6, load, addBias, bv, relu);
        if (cols > 7) store(c, co + 7, s7, load, addBias, bv, relu);
    }

    /** The packed paths' epilogue for one element: {@code (load ? C : 0) + acc}, then the bias, then ReLU. */
    private static void store(float[] c, int at, float acc, boolean load, boolean addBias, float bv, boolean relu) {
        float v = load ? c[at] + acc : acc;
        if (addBias) v = v + bv;
        if (relu) v = Math.max(v, 0f);
        c[at] = v;
    }

    /** The portable loops, whatever {@link #VECTOR} says (for tests and benchmarks). */
    public static void gemmScalar(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        ScalarGemm.gemm(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
    }

    /** {@code C[m x n] = (accumulate ? C : 0) + A[m x k] * B[k x n]}. */
    public static void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(false, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
    }

    /** {@code C[m x n] = (accumulate ? C : 0) + A^T * B} where A is stored {@code k x m}. */
    public static void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(true, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
    }

    /** {@code C[m x n] = (accumulate ? C : 0) + A * B^T} where B is stored {@code n x k}. */
    public static void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(false, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0, false);
    }
}
