package org.convkit.ops;

import java.util.function.IntFunction;

/**
 * The weight gradients of a batch of a wide 3x3 stride-1 layer by Winograd's F(4x4, 3x3), the
 * derivative of the forward pass {@link Winograd4x4Forward} runs (Lavin and Gray 2016, eq. 8:
 * {@code Y = A^T [sum over c of U ⊙ V] A}, with {@code U = G g G^T} and {@code V = B^T d B}).
 * For the filter pair {@code (c, o)}, {@code dL/dU[xi]} is the sum over the blocks of
 * {@code V_c[xi] dM_o[xi]}, where {@code dM = A dY A^T} is the output transform's transpose applied
 * to a 4x4 block of dL/dO; then {@code dL/dg = G^T dU G}. Summed over the blocks of a group of
 * examples, the 36 element-wise products are 36 matrix products {@code dU[xi] (c x o) +=
 * V[xi]^T (c x blocks) dM[xi] (blocks x o)}: on the AlphaGo network's 19 x 19 maps, 36 x 25 = 900
 * multiplies per channel pair and example against F(2x2, 3x3)'s 16 x 100 = 1,600.
 *
 * <p>One example has only 25 blocks, too few rows to keep the products' 192 x 192 result in the
 * cache while it is summed, so examples go in the groups the forward pass stacks
 * ({@link Winograd4x4Forward#GROUP_ROWS} blocks' worth), through the same workspace slots; each step
 * is split over the threads, the products by transform-domain point, so one copy of
 * {@code dU} serves the whole batch and the result has the same bits on any number of threads.
 */
final class Winograd4x4Gradient {
    // the workspace slots of the forward pass's groups (never used by both at once)
    private static final int XT = WinogradConv2dKernel.XT, V = WinogradConv2dKernel.V, M = WinogradConv2dKernel.M;
    private static final int YT = WinogradConv2dKernel.YT;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.winograd4x4.gradient", "true"));
    /** A 4x6 tile for the scalar output-gradient transform, a 6x3 one for the filter gradient. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[24]);

    private Winograd4x4Gradient() {
    }

    /**
     * Whether the weight gradients of {@code n} examples of {@code g} go here: wide layers in 4x4
     * blocks whose batch forward pass is F(4x4, 3x3) (narrower ones keep F(2x2, 3x3), whose
     * products of 100 or more blocks per example need no groups).
     */
    static boolean chosen(ConvGeometry g, int n) {
        return ON && Winograd4x4Forward.wide(g) && Winograd4x4Forward.chosen(g, n)
                && WinogradConv2dKernel.tiling4(g).bw == 4;
    }

    /**
     * Adds dL/dW of {@code n} examples into {@code dw} and, when not null, dL/db into {@code db},
     * from inputs {@code x} and dL/dO {@code dy} (channels-first, one example after another).
     */
    static void backwardWeightsBatch(ConvGeometry g, int n, float[] x, float[] dy, float[] dw, float[] db,
                                     IntFunction<float[]> scratch) {
        WinogradConv2dKernel.Tiling one = WinogradConv2dKernel.tiling4(g);
        if (one.bw != 4) throw new IllegalArgumentException("F(4x4, 3x3) weight gradients need 4x4 blocks: " + g);
        int c = g.inChannels(), o = g.outChannels(), su = WinogradConv2dKernel.stride(c * one.op);
        float[] du = scratch.apply(36 * su);
        int per = Math.max(1, Math.min(n, Winograd4x4Forward.GROUP_ROWS / one.blocks));
        Workspace ws = Parallel.workspace();
        boolean split = WinogradConv2dKernel.splits();
        for (int i0 = 0; i0 < n; i0 += per) {
            int count = Math.min(per, n - i0);
            group(g, one, Winograd4x4Forward.stacked(g, one, count), i0, x, dy, du, su, i0 > 0, ws, split);
        }
        WinogradConv2dKernel.stage(split, o, (o0, o1) -> filterGradientTransform(g, du, su, one.op, dw, o0, o1));
        // the bias gradient example by example, split by output channel
        if (db != null) WinogradConv2dKernel.stage(split, o, (o0, o1) -> {
            for (int i = 0; i < n; i++) WinogradConv2dKernel.biasGradient(g, dy, i * g.outSize(), db, 0, o0, o1);
        });
    }

    /** Examples {@code [i0, i0 + count)} stacked as one tall map: {@code dU} written, or added to when {@code accumulate}. */
    private static void group(ConvGeometry g, WinogradConv2dKernel.Tiling one, WinogradConv2dKernel.Tiling t, int i0,
                              float[] x, float[] dy, float[] du, int su, boolean accumulate, Workspace ws, boolean split) {
        int c = g.inChannels(), o = g.outChannels(), pitch = one.inRows, count = t.inRows / pitch;
        int is = g.inSize(), os = g.outSize();
        float[] xt = ws.get(XT, t.inRows * t.inCols * t.cp), v = ws.get(V, 36 * t.sv);
        float[] dyt = ws.get(YT, t.outRows * t.outCols * t.op), dm = ws.get(M, 36 * t.sm);
        WinogradConv2dKernel.toChannelsLastStacked(x, i0, is, c, g.inH(), g.inW(), xt, pitch, count, t.inCols, t.cp,
                g.padTop(), g.padLeft(), split);
        WinogradConv2dKernel.stage(split, t.blocks, (b0, b1) -> Winograd4x4Forward.inputTransform(t, xt, v, b0, b1));
        // dL/dO at the rows of the output copy the forward pass writes: example i from row i * pitch, zero around it
        WinogradConv2dKernel.toChannelsLastStacked(dy, i0, os, o, g.outH(), g.outW(), dyt, pitch, count, t.outCols, t.op,
                0, 0, split);
        WinogradConv2dKernel.stage(split, t.blocks, (b0, b1) -> outputGradientTransform(t, dyt, dm, b0, b1));
        WinogradConv2dKernel.stage(split, 36,
                (x0, x1) -> WinogradConv2dKernel.gradientProducts(t, c, o, v, dm, du, 0, accumulate, x0, x1));
    }

    /**
     * {@code dM = A dY A^T} for blocks {@code [b0, b1)} from dL/dO channels-last (zero beyond the
     * map), with {@code A^T} the output transform's {@code [[1,1,1,1,1,0],[0,1,-1,2,-2,0],
     * [0,1,1,4,4,0],[0,1,-1,8,-8,1]]}: along each row of the block, then down each column.
     */
    static void outputGradientTransform(WinogradConv2dKernel.Tiling t, float[] dyt, float[] dm, int b0, int b1) {
        if (Sgemm.VECTOR) VectorWinograd.outputGradient4(t, dyt, dm, b0, b1);
        else outputGradientTransformScalar(t, dyt, dm, b0, b1);
    }

    /** {@link #outputGradientTransform} in plain loops (the same bits as the vector path, which tests check). */
    static void outputGradientTransformScalar(WinogradConv2dKernel.Tiling t, float[] dyt, float[] dm, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                for (int i = 0; i < 4; i++) {
                    int a = r0 + i * rs + ch;
                    aColumn(dyt[a], dyt[a + ks], dyt[a + 2 * ks], dyt[a + 3 * ks], tile, i * 6, 1);
                }
                for (int j = 0; j < 6; j++) aColumn(tile[j], tile[6 + j], tile[12 + j], tile[18 + j], dm, o + ch + j * sm, 6 * sm);
            }
        }
    }

    /**
     * {@code A q}: six values written {@code step} apart from {@code at}, as
     * {@link VectorWinograd#outputGradient4} computes them.
     */
    static void aColumn(float q0, float q1, float q2, float q3, float[] out, int at, int step) {
        float e = q0 + q2, f = q1 + q3, p = q0 + q2 * 4f, q = q1 * 2f + q3 * 8f;
        out[at] = q0;
        out[at + step] = e + f;
        out[at + 2 * step] = e - f;
        out[at + 3 * step] = p + q;
        out[at + 4 * step] = p - q;
        out[at + 5 * step] = q3;
    }

    /**
     * {@code dw += G^T dU G} for output channels {@code [o0, o1)}, the 36 matrices {@code dU[xi]}
     * ({@code inChannels} rows of {@code op} columns) {@code su} apart, with {@link Winograd4x4Forward}'s
     * {@code G}: along each of the six rows, then down each of the three columns (the vector path
     * does the same operations in the same order, so the same bits).
     */
    static void filterGradientTransform(ConvGeometry g, float[] du, int su, int op, float[] dw, int o0, int o1) {
        int c = g.inChannels();
        if (Sgemm.VECTOR) {
            o0 = VectorWinograd.filterGradient4(g, du, su, op, dw, o0, o1,
                    Parallel.workspace().get(WinogradConv2dKernel.FILTERS, 27 * 64));
        }
        float[] h = TILE.get();
        for (int cb = o0; cb < o1; cb += 16) {
            int ce = Math.min(o1, cb + 16);
            for (int ci = 0; ci < c; ci++) for (int co = cb; co < ce; co++) {
                int s = ci * op + co;
                for (int i = 0; i < 6; i++) {
                    int a = s + i * 6 * su;
                    gtRow(du[a], du[a + su], du[a + 2 * su], du[a + 3 * su], du[a + 4 * su], du[a + 5 * su], h, i * 3, 1);
                }
                int d = (co * c + ci) * 9;
                for (int k = 0; k < 3; k++) {
                    float r0 = gt0(h[k], h[3 + k], h[6 + k], h[9 + k], h[12 + k], h[15 + k]);
                    float r1 = gt1(h[3 + k], h[6 + k], h[9 + k], h[12 + k]);
                    float r2 = gt2(h[3 + k], h[6 + k], h[9 + k], h[12 + k], h[15 + k]);
                    dw[d + k] += r0;
                    dw[d + 3 + k] += r1;
                    dw[d + 6 + k] += r2;
                }
            }
        }
    }

    /** {@code G^T e}: three values written {@code step} apart from {@code at}. */
    private static void gtRow(float e0, float e1, float e2, float e3, float e4, float e5, float[] out, int at, int step) {
        out[at] = gt0(e0, e1, e2, e3, e4, e5);
        out[at + step] = gt1(e1, e2, e3, e4);
        out[at + 2 * step] = gt2(e1, e2, e3, e4, e5);
    }

    /** Row 0 of {@code G^T = [[1/4,-1/6,-1/6,1/24,1/24,0],[0,-1/6,1/6,1/12,-1/12,0],[0,-1/6,-1/6,1/6,1/6,1]]}. */
    private static float gt0(float e0, float e1, float e2, float e3, float e4, float e5) {
        return e0 * 0.25f - (e1 + e2) * Winograd4x4Forward.G6 + (e3 + e4) * Winograd4x4Forward.G24;
    }

    private static float gt1(float e1, float e2, float e3, float e4) {
        return (e2 - e1) * Winograd4x4Forward.G6 + (e3 - e4) * Winograd4x4Forward.G12;
    }

    private static float gt2(float e1, float e2, float e3, float e4, float e5) {
        return (e3 + e4 - e1 - e2) * Winograd4x4Forward.G6 + e5;
    }
}
