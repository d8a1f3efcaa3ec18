package org.convkit.ops;

import java.util.Arrays;

/**
 * The transforms of Winograd's F(4 x 3, 3x3) and F(4 x 5, 3x3): blocks of outputs four high and
 * three or five wide, for layers whose phases leave a few columns each (see
 * {@link WinogradConv2dKernel#blockWidth}). Nested minimal filtering (Lavin and Gray 2016,
 * section 4): down the block F(4, 3) with Lavin and Gray's matrices, as in
 * {@link Winograd4x4Forward}; across it F(m, 3) from {@link ToomCook}'s points (0, 1, -1, 2 and
 * infinity for m = 3; 0, 1, -1, 2, -2, 1/2 and infinity for m = 5), each row of {@code B^T}
 * scaled to small integers and each column of {@code A^T} likewise, the inverse factors moved
 * into {@code G}, which the products do not see. So for a {@code 6 x n} input patch {@code d}
 * ({@code n = m + 2}) and a 3x3 filter {@code g},
 * <pre>  Y = A4^T [(G4 g Gm^T) ⊙ (B4^T d Bm)] Am</pre>
 * with transform-domain point {@code (i, j)} at {@code xi = i * n + j}: {@code 6n} products per
 * channel pair for {@code 4m} outputs (F(4x5): 42 for 20, against F(4x4)'s 36 for 16).
 *
 * <p>Across the block, with {@code e} the inputs and {@code y} the outputs:
 * <pre>
 * F(5, 3)  B^T rows:  4e0 - 8e1 - 5e2 + 10e3 + e4 - 2e5,   -4e1 + 4e2 + 9e3 - e4 - 2e5,
 *                     -4e1 + 12e2 - 7e3 - 3e4 + 2e5,       2e1 - 3e2 - 4e3 + 3e4 + 2e5,
 *                     2e1 - 5e2 + 5e4 - 2e5,               4e1 - 5e3 + e5,
 *                     -4e1 + 8e2 + 5e3 - 10e4 - e5 + 2e6
 *          G rows:    g0/4, (g0+g1+g2)/6, (g0-g1+g2)/18, (g0+2g1+4g2)/72, (g0-2g1+4g2)/120,
 *                     (4g0+2g1+g2)/90, g2/2
 *          A^T rows:  e0+e1+e2+e3+e4+16e5, e1-e2+2e3-2e4+8e5, e1+e2+4e3+4e4+4e5,
 *                     e1-e2+8e3-8e4+2e5, e1+e2+16e3+16e4+e5+e6
 * F(3, 3)  B^T rows:  2e0 - e1 - 2e2 + e3, 2e1 + e2 - e3, -2e1 + 3e2 - e3, e3 - e1, 2e1 - e2 - 2e3 + e4
 *          G rows:    g0/2, (g0+g1+g2)/2, (g0-g1+g2)/6, (g0+2g1+4g2)/6, g2
 *          A^T rows:  e0+e1+e2+e3, e1-e2+2e3, e1+e2+4e3+e4
 * </pre>
 * The vector path ({@link VectorWinogradRect}) does the same operations in the same order as the
 * plain loops here, so the same bits; the filter transform (kept between calls, or shared by a
 * batch) runs in plain loops on both.
 */
final class WinogradRect {
    /** A tile of {@code 6 x 7} values for the scalar transforms. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[42]);

    private WinogradRect() {
    }

    /**
     * {@code U = G4 g Gm^T} for output channels {@code [o0, o1)} into {@code U[xi][ci][co]}
     * ({@code su} apart, {@code co} padded to {@code op}); {@code turned} as in
     * {@link Winograd4x4Forward#filterTransform}.
     */
    static void filterTransform(ConvGeometry g, int bw, float[] w, boolean turned, float[] u, int su, int o0, int o1) {
        int c = g.inChannels(), o = g.outChannels(), op = WinogradConv2dKernel.padChannels(o), n = bw + 2, pts = 6 * n;
        if (o1 == o && op > o) {
            for (int xi = 0; xi < pts; xi++) for (int ci = 0; ci < c; ci++) {
                int d = xi * su + ci * op;
                Arrays.fill(u, d + o, d + op, 0f);
            }
        }
        float[] h = TILE.get();
        for (int co = o0; co < o1; co++) {
            for (int ci = 0; ci < c; ci++) {
                // H = G4 g (6 x 3), a column of taps at a time, then each row of H times Gm^T
                if (turned) {
                    int src = (ci * o + co) * 9;
                    for (int k = 0; k < 3; k++) Winograd4x4Forward.gRows(w[src + 8 - k], w[src + 5 - k], w[src + 2 - k], h, k, 3);
                } else {
                    int src = (co * c + ci) * 9;
                    for (int k = 0; k < 3; k++) Winograd4x4Forward.gRows(w[src + k], w[src + 3 + k], w[src + 6 + k], h, k, 3);
                }
                int d = ci * op + co;
                for (int i = 0; i < 6; i++) {
                    float g0 = h[i * 3], g1 = h[i * 3 + 1], g2 = h[i * 3 + 2];
                    int at = d + i * n * su;
                    if (bw == 5) g5(g0, g1, g2, u, at, su);
                    else g3(g0, g1, g2, u, at, su);
                }
            }
        }
    }

    private static void g5(float g0, float g1, float g2, float[] out, int at, int step) {
        float s = g0 + g2, t = g1 * 2f, f = g2 * 4f;
        out[at] = g0 * 0.25f;
        out[at + step] = (s + g1) * (1f / 6);
        out[at + 2 * step] = (s - g1) * (1f / 18);
        out[at + 3 * step] = (g0 + t + f) * (1f / 72);
        out[at + 4 * step] = (g0 - t + f) * (1f / 120);
        out[at + 5 * step] = (g0 * 4f + t + g2) * (1f / 90);
        out[at + 6 * step] = g2 * 0.5f;
    }

    private static void g3(float g0, float g1, float g2, float[] out, int at, int step) {
        float s = g0 + g2;
        out[at] = g0 * 0.5f;
        out[at + step] = (s + g1) * 0.5f;
        out[at + 2 * step] = (s - g1) * (1f / 6);
        out[at + 3 * step] = (g0 + g1 * 2f + g2 * 4f) * (1f / 6);
        out[at + 4 * step] = g2;
    }

    /** {@code V = B4^T d Bm} for blocks {@code [b0, b1)} and every (padded) channel. */
    static void inputTransform(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        if (Sgemm.VECTOR) VectorWinogradRect.input(t, xt, v, b0, b1);
        else inputTransformScalar(t, xt, v, b0, b1);
    }

    /** {@link #inputTransform} in plain loops (the same bits as the vector path, which tests check). */
    static void inputTransformScalar(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        int n = t.bw + 2, cs = t.cp, rs = t.dh * t.inCols * cs, ks = t.dw * cs, sv = t.sv;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.inCols + t.col[blk]) * cs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                for (int j = 0; j < n; j++) {
                    int a = r0 + j * ks + ch;
                    Winograd4x4Forward.bRows(xt[a], xt[a + rs], xt[a + 2 * rs], xt[a + 3 * rs], xt[a + 4 * rs], xt[a + 5 * rs],
                            tile, j, n);
                }
                for (int i = 0; i < 6; i++) {
                    int a = i * n, at = o + ch + a * sv;
                    if (n == 7) b7(tile[a], tile[a + 1], tile[a + 2], tile[a + 3], tile[a + 4], tile[a + 5], tile[a + 6], v, at, sv);
                    else b5(tile[a], tile[a + 1], tile[a + 2], tile[a + 3], tile[a + 4], v, at, sv);
                }
            }
        }
    }

    private static void b7(float e0, float e1, float e2, float e3, float e4, float e5, float e6, float[] out, int at, int step) {
        out[at] = e0 * 4f - e1 * 8f - e2 * 5f + e3 * 10f + e4 - e5 * 2f;
        out[at + step] = e2 * 4f - e1 * 4f + e3 * 9f - e4 - e5 * 2f;
        out[at + 2 * step] = e2 * 12f - e1 * 4f - e3 * 7f - e4 * 3f + e5 * 2f;
        out[at + 3 * step] = e1 * 2f - e2 * 3f - e3 * 4f + e4 * 3f + e5 * 2f;
        out[at + 4 * step] = e1 * 2f - e2 * 5f + e4 * 5f - e5 * 2f;
        out[at + 5 * step] = e1 * 4f - e3 * 5f + e5;
        out[at + 6 * step] = e2 * 8f - e1 * 4f + e3 * 5f - e4 * 10f - e5 + e6 * 2f;
    }

    private static void b5(float e0, float e1, float e2, float e3, float e4, float[] out, int at, int step) {
        out[at] = e0 * 2f - e1 - e2 * 2f + e3;
        out[at + step] = e1 * 2f + e2 - e3;
        out[at + 2 * step] = e2 * 3f - e1 * 2f - e3;
        out[at + 3 * step] = e3 - e1;
        out[at + 4 * step] = e1 * 2f - e2 - e3 * 2f + e4;
    }

    /**
     * {@code A4^T M Am} for blocks {@code [b0, b1)} into the channels-last output (bias and ReLU
     * come when it is copied out); a block's outputs beyond the map land in the copy's margin.
     */
    static void outputTransform(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        if (Sgemm.VECTOR) VectorWinogradRect.output(t, m, yt, b0, b1);
        else outputTransformScalar(t, m, yt, b0, b1);
    }

    /** {@link #outputTransform} in plain loops (the same bits as the vector path, which tests check). */
    static void outputTransformScalar(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        int n = t.bw + 2, cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                for (int j = 0; j < n; j++) {
                    int s = o + ch + j * sm, step = n * sm;
                    Winograd4x4Forward.aRows(m[s], m[s + step], m[s + 2 * step], m[s + 3 * step], m[s + 4 * step], m[s + 5 * step],
                            tile, j, n);
                }
                for (int i = 0; i < 4; i++) {
                    int a = i * n, at = r0 + i * rs + ch;
                    if (n == 7) a7(tile[a], tile[a + 1], tile[a + 2], tile[a + 3], tile[a + 4], tile[a + 5], tile[a + 6], yt, at, ks);
                    else a5(tile[a], tile[a + 1], tile[a + 2], tile[a + 3], tile[a + 4], yt, at, ks);
                }
            }
        }
    }

    private static void a7(float e0, float e1, float e2, float e3, float e4, float e5, float e6, float[] out, int at, int step) {
        float a = e1 + e2, b = e1 - e2, c = e3 + e4, d = e3 - e4;
        out[at] = e0 + a + c + e5 * 16f;
        out[at + step] = b + d * 2f + e5 * 8f;
        out[at + 2 * step] = a + c * 4f + e5 * 4f;
        out[at + 3 * step] = b + d * 8f + e5 * 2f;
        out[at + 4 * step] = a + c * 16f + e5 + e6;
    }

    private static void a5(float e0, float e1, float e2, float e3, float e4, float[] out, int at, int step) {
        float a = e1 + e2;
        out[at] = e0 + a + e3;
        out[at + step] = e1 - e2 + e3 * 2f;
        out[at + 2 * step] = a + e3 * 4f + e4;
    }
}
