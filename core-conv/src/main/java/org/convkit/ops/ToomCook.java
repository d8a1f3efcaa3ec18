package org.convkit.ops;

/**
 * The matrices of Winograd's minimal filtering algorithm F(m, r) in one dimension, built by the
 * Toom-Cook construction (Lavin and Gray 2016, section 4; Winograd 1980): {@code m} outputs of an
 * {@code r}-tap correlation from {@code n = m + r - 1} inputs with {@code n} multiplications,
 * <pre>  y = A^T [(G g) ⊙ (B^T d)]</pre>
 * With {@code V} the {@code n x n} Vandermonde matrix of the interpolation points (row
 * {@code [1, p, p^2, ...]} for a finite point {@code p}, and {@code [0, ..., 0, 1]} for the point at
 * infinity, which picks a polynomial's leading coefficient), and {@code V_k} its first {@code k}
 * columns (the point at infinity's row then {@code e_{k-1}}): linear convolution of an
 * {@code r}-tap and an {@code m}-tap sequence is {@code V^-1 [(V_r g) ⊙ (V_m x)]}, and correlation
 * is its transpose, so {@code A^T = V_m^T}, {@code G = V_r} and {@code B^T = V^-T}.
 *
 * <p>The points are the first {@code n - 1} of 0, 1, -1, 2, -2, 1/2, -1/2, then infinity: for
 * {@code n = 6} exactly Lavin and Gray's F(4, 3) (their {@code G}'s fractions appear here in
 * {@code B^T} instead). Entries are computed in double and rounded to float once.
 *
 * <p>Swapping the roles of the two sequences gives the weight gradient of the same layer:
 * the {@code r} filter taps as the outputs of an {@code m}-tap correlation of the input with the
 * output gradient, {@code F(r, m)}, which has the same {@code n} and the same {@code B^T}.
 */
final class ToomCook {
    private static final double[] POINTS = {0, 1, -1, 2, -2, 0.5, -0.5};
    /** The largest {@code n} the point list serves: seven finite points and infinity. */
    static final int MAX_N = POINTS.length + 1;

    final int m, r, n;
    /** Row-major: {@code at} is {@code m x n}, {@code g} is {@code n x r}, {@code bt} is {@code n x n}. */
    final float[] at, g, bt;

    ToomCook(int m, int r) {
        if (m < 1 || r < 1 || m + r - 1 > MAX_N) {
            throw new IllegalArgumentException("F(" + m + ", " + r + ") needs " + (m + r - 1) + " points; at most "
                    + MAX_N + " are defined");
        }
        this.m = m;
        this.r = r;
        this.n = m + r - 1;
        at = round(transpose(vandermonde(n, m), n, m));
        g = round(vandermonde(n, r));
        bt = round(transpose(invert(vandermonde(n, n), n), n, n));
    }

    /** The first {@code cols} columns of the Vandermonde matrix of the first {@code n} points ({@code n x cols}). */
    static double[] vandermonde(int n, int cols) {
        double[] v = new double[n * cols];
        for (int i = 0; i < n; i++) {
            if (i == n - 1) {
                v[i * cols + cols - 1] = 1;
                continue;
            }
            double p = POINTS[i], power = 1;
            for (int j = 0; j < cols; j++, power *= p) v[i * cols + j] = power;
        }
        return v;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
        return t;
    }

    /** Gauss-Jordan elimination with partial pivoting; the matrices here are at most 8 x 8 and well within double's range. */
    private static double[] invert(double[] a, int n) {
        double[] w = a.clone(), inv = new double[n * n];
        for (int i = 0; i < n; i++) inv[i * n + i] = 1;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int i = col + 1; i < n; i++) if (Math.abs(w[i * n + col]) > Math.abs(w[piv * n + col])) piv = i;
            if (w[piv * n + col] == 0) throw new IllegalStateException("singular Vandermonde matrix");
            swapRows(w, n, col, piv);
            swapRows(inv, n, col, piv);
            double d = w[col * n + col];
            for (int j = 0; j < n; j++) {
                w[col * n + j] /= d;
                inv[col * n + j] /= d;
            }
            for (int i = 0; i < n; i++) {
                if (i == col || w[i * n + col] == 0) continue;
                double f = w[i * n + col];
                for (int j = 0; j < n; j++) {
                    w[i * n + j] -= f * w[col * n + j];
                    inv[i * n + j] -= f * inv[col * n + j];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] a, int n, int i, int j) {
        if (i == j) return;
        for (int k = 0; k < n; k++) {
            double t = a[i * n + k];
            a[i * n + k] = a[j * n + k];
            a[j * n + k] = t;
        }
    }

    /** To float; elimination leaves ~1e-17 where an entry is exactly zero, and the transforms skip zeros. */
    private static float[] round(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = Math.abs(a[i]) < 1e-12 ? 0f : (float) a[i];
        return f;
    }
}
