package org.convkit.ops;

/**
 * A dense layer's product {@code C = (accumulate ? C : 0) + A B^T} for one or two examples (rows
 * of A) against its weights B ({@code n x k}, one row per unit) in inference, from a copy of B
 * kept transposed, {@code k x n}, while the weights stay the same ({@link FilterCache}).
 *
 * <p>{@link Sgemm}'s thin path sums each unit as a scalar chain of fused multiply-adds along the
 * weights' rows, since each element of C must be one chain per {@link ScalarGemm#KC} block, in
 * order, to keep the packed paths' bits. Transposed, the same chains run side by side as the
 * lanes of a vector: one load of the units' weights at step {@code p} and one broadcast of
 * {@code A[p]} per fused multiply-add of {@code n} chains. Four blocks go at once, four
 * independent vector chains that hide the multiply-add latency, and their sums are added to C
 * block after block as the thin path adds them, then ReLU: the same bits. cnn-trad-pool2's
 * 26,624 x 12 output layer on one example: 26,624 vector steps instead of 319,488 scalar ones.
 */
public final class KeptDense {
    /** This kernel's tag for the kept transpose in a {@link FilterCache}. */
    private static final int KIND = 4;
    private static final int KC = ScalarGemm.KC;
    /** Wider layers than this go through {@link Sgemm}; their rows of B fill its packed strips. */
    static final int MAX_UNITS = 64;
    /** Fewer blocks than this (of {@link ScalarGemm#KC} inputs) stay on the calling thread. */
    private static final int PARALLEL_MIN_BLOCKS = 32;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.keptDense", "true"));
    private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[0]);

    private KeptDense() {
    }

    /** Whether {@link #nt} runs {@code m} examples of a layer of {@code n} units on {@code k} inputs. */
    public static boolean applies(int m, int n, int k) {
        return ON && Sgemm.VECTOR && m >= 1 && m <= Sgemm.THIN_ROWS && n >= 1 && n <= MAX_UNITS && k >= 1;
    }

    /**
     * {@code C[m x n] = (accumulate ? C : 0) + A[m x k] B^T}, B stored {@code n x k} with leading
     * dimension {@code ldb}, its transpose kept in {@code cache} for the weights at {@code version};
     * the bits of {@link Sgemm#nt}.
     */
    public static void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          FilterCache cache, long version, float[] c, int cOff, int ldc, boolean accumulate) {
        if (!applies(m, n, k)) throw new IllegalArgumentException("KeptDense takes 1 to " + Sgemm.THIN_ROWS
                + " rows and 1 to " + MAX_UNITS + " units, not " + m + " x " + n);
        int l = VectorGemm.L, groups = (n + l - 1) / l;
        // group g holds units [g*L, min(n, g*L + L)) as k rows of its width, after the groups before it;
        // a vector read at a group's last row runs L floats on, so L spare floats end the copy
        float[] wt = cache.find(KIND, version);
        if (wt == null) {
            wt = cache.fill(k * n + l);
            for (int g = 0; g < groups; g++) {
                int j0 = g * l, width = Math.min(l, n - j0), base = k * j0;
                for (int j = 0; j < width; j++) {
                    int src = bOff + (j0 + j) * ldb;
                    for (int p = 0; p < k; p++) wt[base + p * width + j] = b[src + p];
                }
            }
            java.util.Arrays.fill(wt, k * n, k * n + l, 0f);
            cache.keep(KIND, version);
        }
        int blocks = (k + KC - 1) / KC;
        float[] sums = SUMS.get();
        if (sums.length < blocks * l) SUMS.set(sums = new float[blocks * l]);
        // over the threads by blocks: each block's sum is made whole by one thread, so the same bits
        int parts = blocks >= PARALLEL_MIN_BLOCKS && !Parallel.inWorker() ? Math.min(Parallel.threads(), blocks / 4) : 1;
        for (int i = 0; i < m; i++) {
            for (int g = 0; g < groups; g++) {
                int j0 = g * l, width = Math.min(l, n - j0);
                int ao = aOff + i * lda, base = k * j0;
                if (parts > 1) {
                    float[] wk = wt, sk = sums;
                    // each thread reads its own blocks' share of the weights
                    Parallel.forEach(parts, t -> VectorDense.blockSums(a, ao, k, wk, base, width, sk,
                            Parallel.chunkStart(blocks, parts, t), Parallel.chunkStart(blocks, parts, t + 1)));
                } else {
                    VectorDense.blockSums(a, ao, k, wt, base, width, sums, 0, blocks);
                }
                // the thin path's epilogue: each block's sum added to C in order
                for (int j = 0; j < width; j++) {
                    int at = cOff + i * ldc + j0 + j;
                    float v = accumulate ? c[at] + sums[j] : sums[j];
                    for (int blk = 1; blk < blocks; blk++) v = v + sums[blk * l + j];
                    c[at] = v;
                }
            }
        }
    }
}
