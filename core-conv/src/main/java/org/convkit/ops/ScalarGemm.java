package org.convkit.ops;

/**
 * The portable path of {@link Sgemm} for JVMs without the {@code jdk.incubator.vector} module
 * (e.g. Android): plain loops that the JIT auto-vectorises. It does the same arithmetic as
 * {@link VectorGemm}, element for element: the shared dimension in blocks of {@link #KC}, each
 * block summed from zero with fused multiply-adds in order, then added to C, then the bias, then
 * ReLU. So both paths give the same bits, and a model's outputs do not depend on whether the
 * Vector API is in use.
 */
final class ScalarGemm {
    /** Shared-dimension block; both paths must use the same. */
    static final int KC = Integer.getInteger("convkit.gemm.kc", 128);
    private static final int NB = 512;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][]{new float[NB], new float[KC * NB]});

    private ScalarGemm() {
    }

    /** Rows {@code [m0, m1)} and columns {@code [n0, n1)} of C, with {@link Sgemm#gemm}'s meaning. */
    static void gemm(boolean transA, boolean transB, int m0, int m1, int n0, int n1, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        if (m1 <= m0 || n1 <= n0) return;
        if (k == 0) {
            epilogueOnly(m0, m1, n0, n1, c, cOff, ldc, accumulate, bias, biasOff, relu);
            return;
        }
        float[][] s = SCRATCH.get();
        float[] acc = s[0], bt = s[1];
        for (int j0 = n0; j0 < n1; j0 += NB) {
            int nb = Math.min(NB, n1 - j0);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean first = pc == 0, last = pc + kc >= k, load = !first || accumulate;
                float[] bb;
                int bo, ld;
                if (transB) {
                    // B stored n x k: copy the block into a kc x nb scratch so the inner loop runs along a row.
                    for (int j = 0; j < nb; j++) {
                        int src = bOff + (j0 + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) bt[p * nb + j] = b[src + p];
                    }
                    bb = bt;
                    bo = 0;
                    ld = nb;
                } else {
                    bb = b;
                    bo = bOff + pc * ldb + j0;
                    ld = ldb;
                }
                for (int i = m0; i < m1; i++) {
                    java.util.Arrays.fill(acc, 0, nb, 0f);
                    for (int p = 0; p < kc; p++) {
                        float av = transA ? a[aOff + (pc + p) * lda + i] : a[aOff + i * lda + pc + p];
                        int br = bo + p * ld;
                        for (int j = 0; j < nb; j++) acc[j] = Math.fma(av, bb[br + j], acc[j]);
                    }
                    int cr = cOff + i * ldc + j0;
                    boolean addBias = first && bias != null;
                    float bv = addBias ? bias[biasOff + i] : 0f;
                    boolean r = relu && last;
                    for (int j = 0; j < nb; j++) {
                        float v = load ? c[cr + j] + acc[j] : acc[j];
                        if (addBias) v = v + bv;
                        if (r) v = Math.max(v, 0f);
                        c[cr + j] = v;
                    }
                }
            }
        }
    }

    /** {@code C = (accumulate ? C : 0) + bias}, then ReLU: the product with an empty shared dimension. */
    static void epilogueOnly(int m0, int m1, int n0, int n1, float[] c, int cOff, int ldc, boolean accumulate,
                             float[] bias, int biasOff, boolean relu) {
        for (int i = m0; i < m1; i++) {
            int r = cOff + i * ldc;
            for (int j = n0; j < n1; j++) {
                float v = (accumulate ? c[r + j] : 0f) + (bias != null ? bias[biasOff + i] : 0f);
                c[r + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }
}
