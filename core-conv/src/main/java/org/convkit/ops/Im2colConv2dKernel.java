package org.convkit.ops;

/**
 * Convolution as matrix products (Chellapilla et al. 2006): the input patches of one example are
 * unrolled into a {@code (C/groups*kh*kw) x (outH*outW)} matrix ("im2col"), and then
 * <ul>
 *   <li>forward: {@code Y = W * col + b};</li>
 *   <li>backward-weights: {@code dW += dY * col^T} (the input correlated with dL/dO);</li>
 *   <li>backward-data: {@code dcol = W^T * dY}, scattered back by col2im — the same sums as the full
 *       convolution of dL/dO with the 180-degree-turned filters.</li>
 * </ul>
 * Buffers come from the caller's {@link Workspace}.
 */
public final class Im2colConv2dKernel implements Conv2dKernel {
    private static final int COL = 0;
    private static final int SCRATCH = 1;

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        int p = g.outH() * g.outW(), k = g.filterSize(), opg = g.outChannels() / g.groups();
        boolean direct = isPointwise(g);
        float[] col = direct ? null : ws.get(COL, k * p);
        for (int grp = 0; grp < g.groups(); grp++) {
            float[] src;
            int srcOff;
            if (direct) {
                src = x;
                srcOff = xOff + grp * g.inPerGroup() * p;
            } else {
                im2col(g, grp, x, xOff, col);
                src = col;
                srcOff = 0;
            }
            int yo = yOff + grp * opg * p;
            if (b != null) {
                for (int co = 0; co < opg; co++) java.util.Arrays.fill(y, yo + co * p, yo + (co + 1) * p, b[grp * opg + co]);
            }
            Sgemm.nn(opg, p, k, w, grp * opg * k, k, src, srcOff, p, y, yo, p, b != null);
        }
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        int p = g.outH() * g.outW(), k = g.filterSize(), opg = g.outChannels() / g.groups();
        if (isPointwise(g)) {
            for (int grp = 0; grp < g.groups(); grp++) {
                Sgemm.tn(k, p, opg, w, grp * opg * k, k, dy, dyOff + grp * opg * p, p,
                        dx, dxOff + grp * g.inPerGroup() * p, p, false);
            }
            return;
        }
        float[] col = ws.get(COL, k * p);
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inSize(), 0f);
        for (int grp = 0; grp < g.groups(); grp++) {
            Sgemm.tn(k, p, opg, w, grp * opg * k, k, dy, dyOff + grp * opg * p, p, col, 0, p, false);
            col2imAdd(g, grp, col, dx, dxOff);
        }
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                float[] db, int dbOff, Workspace ws) {
        int p = g.outH() * g.outW(), k = g.filterSize(), opg = g.outChannels() / g.groups();
        boolean direct = isPointwise(g);
        float[] col = direct ? null : ws.get(COL, k * p);
        float[] scratch = ws.get(SCRATCH, k * p);
        for (int grp = 0; grp < g.groups(); grp++) {
            float[] src;
            int srcOff;
            if (direct) {
                src = x;
                srcOff = xOff + grp * g.inPerGroup() * p;
            } else {
                im2col(g, grp, x, xOff, col);
                src = col;
                srcOff = 0;
            }
            Sgemm.nt(opg, k, p, dy, dyOff + grp * opg * p, p, src, srcOff, p, dw, dwOff + grp * opg * k, k, true, scratch);
        }
        if (db != null) {
            for (int co = 0; co < g.outChannels(); co++) {
                float s = 0;
                int o = dyOff + co * p;
                for (int i = 0; i < p; i++) s += dy[o + i];
                db[dbOff + co] += s;
            }
        }
    }

    /** A 1x1, stride-1, unpadded convolution reads its input directly as the patch matrix. */
    private static boolean isPointwise(ConvGeometry g) {
        return g.kernelH() == 1 && g.kernelW() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padBottom() == 0 && g.padLeft() == 0 && g.padRight() == 0;
    }

    /** Row {@code (ci*kh + ky)*kw + kx}, column {@code oy*outW + ox} holds the input under that tap. */
    static void im2col(ConvGeometry g, int grp, float[] x, int xOff, float[] col) {
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW();
        int row = 0;
        for (int ci = 0; ci < g.inPerGroup(); ci++) {
            int cBase = xOff + (grp * g.inPerGroup() + ci) * ih * iw;
            for (int ky = 0; ky < g.kernelH(); ky++) {
                for (int kx = 0; kx < g.kernelW(); kx++, row++) {
                    int dst = row * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * g.strideH() - g.padTop() + ky * g.dilationH();
                        int d = dst + oy * ow;
                        if (iy < 0 || iy >= ih) {
                            java.util.Arrays.fill(col, d, d + ow, 0f);
                            continue;
                        }
                        int src = cBase + iy * iw;
                        int x0 = kx * g.dilationW() - g.padLeft();
                        if (g.strideW() == 1 && x0 >= 0 && x0 + ow <= iw) {
                            System.arraycopy(x, src + x0, col, d, ow);
                        } else {
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * g.strideW() + x0;
                                col[d + ox] = ix >= 0 && ix < iw ? x[src + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The transpose of {@link #im2col}: adds each patch entry back onto the input pixel it came from. */
    static void col2imAdd(ConvGeometry g, int grp, float[] col, float[] dx, int dxOff) {
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW();
        int row = 0;
        for (int ci = 0; ci < g.inPerGroup(); ci++) {
            int cBase = dxOff + (grp * g.inPerGroup() + ci) * ih * iw;
            for (int ky = 0; ky < g.kernelH(); ky++) {
                for (int kx = 0; kx < g.kernelW(); kx++, row++) {
                    int src = row * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * g.strideH() - g.padTop() + ky * g.dilationH();
                        if (iy < 0 || iy >= ih) continue;
                        int dst = cBase + iy * iw;
                        int s = src + oy * ow;
                        int x0 = kx * g.dilationW() - g.padLeft();
                        if (g.strideW() == 1 && x0 >= 0 && x0 + ow <= iw) {
                            for (int ox = 0; ox < ow; ox++) dx[dst + x0 + ox] += col[s + ox];
                        } else {
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * g.strideW() + x0;
                                if (ix >= 0 && ix < iw) dx[dst + ix] += col[s + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
