package org.convkit.ops;

/**
 * Single-precision matrix products on row-major arrays with leading dimensions, written so that
 * the JIT vectorises the innermost loop (a contiguous {@code c[j] += a * b[j]}), four rows of C
 * at a time so each loaded row of B serves four rows. Summation order is fixed, so results are
 * reproducible to the bit.
 */
public final class Sgemm {
    private static final int KB = 128;
    private static final int NB = 512;

    private Sgemm() {
    }

    /** {@code C[m x n] = (accumulate ? C : 0) + A[m x k] * B[k x n]}. */
    public static void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) zero(m, n, c, cOff, ldc);
        for (int k0 = 0; k0 < k; k0 += KB) {
            int k1 = Math.min(k, k0 + KB);
            for (int j0 = 0; j0 < n; j0 += NB) {
                int j1 = Math.min(n, j0 + NB);
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
                    int ar = aOff + i * lda;
                    for (int kk = k0; kk < k1; kk++) {
                        float a0 = a[ar + kk], a1 = a[ar + lda + kk], a2 = a[ar + 2 * lda + kk], a3 = a[ar + 3 * lda + kk];
                        int br = bOff + kk * ldb;
                        for (int j = j0; j < j1; j++) {
                            float bv = b[br + j];
                            c[c0 + j] += a0 * bv;
                            c[c1 + j] += a1 * bv;
                            c[c2 + j] += a2 * bv;
                            c[c3 + j] += a3 * bv;
                        }
                    }
                }
                for (; i < m; i++) {
                    int cr = cOff + i * ldc, ar = aOff + i * lda;
                    for (int kk = k0; kk < k1; kk++) {
                        float av = a[ar + kk];
                        int br = bOff + kk * ldb;
                        for (int j = j0; j < j1; j++) c[cr + j] += av * b[br + j];
                    }
                }
            }
        }
    }

    /** {@code C[m x n] = (accumulate ? C : 0) + A^T * B} where A is stored {@code k x m}. */
    public static void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) zero(m, n, c, cOff, ldc);
        for (int k0 = 0; k0 < k; k0 += KB) {
            int k1 = Math.min(k, k0 + KB);
            for (int j0 = 0; j0 < n; j0 += NB) {
                int j1 = Math.min(n, j0 + NB);
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
                    for (int kk = k0; kk < k1; kk++) {
                        int ar = aOff + kk * lda + i;
                        float a0 = a[ar], a1 = a[ar + 1], a2 = a[ar + 2], a3 = a[ar + 3];
                        int br = bOff + kk * ldb;
                        for (int j = j0; j < j1; j++) {
                            float bv = b[br + j];
                            c[c0 + j] += a0 * bv;
                            c[c1 + j] += a1 * bv;
                            c[c2 + j] += a2 * bv;
                            c[c3 + j] += a3 * bv;
                        }
                    }
                }
                for (; i < m; i++) {
                    int cr = cOff + i * ldc;
                    for (int kk = k0; kk < k1; kk++) {
                        float av = a[aOff + kk * lda + i];
                        int br = bOff + kk * ldb;
                        for (int j = j0; j < j1; j++) c[cr + j] += av * b[br + j];
                    }
                }
            }
        }
    }

    /**
     * {@code C[m x n] = (accumulate ? C : 0) + A * B^T} where B is stored {@code n x k}; B is first
     * transposed into {@code scratch} (at least {@code k*n} floats) so the product runs as {@link #nn}.
     */
    public static void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate, float[] scratch) {
        for (int j = 0; j < n; j++) {
            int br = bOff + j * ldb;
            for (int kk = 0; kk < k; kk++) scratch[kk * n + j] = b[br + kk];
        }
        nn(m, n, k, a, aOff, lda, scratch, 0, n, c, cOff, ldc, accumulate);
    }

    private static void zero(int m, int n, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
    }
}
