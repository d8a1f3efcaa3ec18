package org.convkit.ops;

import java.util.Arrays;

/**
 * Direct loops for depthwise convolution (one input channel per group, any channel multiplier),
 * as in the depthwise-separable networks of Howard et al. (2017, MobileNets) and Zhang et al.
 * (2017, DS-CNN). Through im2col each group would be a matrix product with a single row and a
 * handful of columns (a 3x3 filter: k = 9), which wastes the whole register tile and unrolls the
 * input nine times; here every filter tap instead runs as one {@code y += w * x} sweep.
 *
 * <p>At stride 1 the sweep covers a whole plane at once: the input channel is copied into a
 * zero-padded plane of width {@code W = inW + padLeft + padRight}, and the output is computed on
 * a grid of the same width, so that tap {@code (ky, kx)} of every output is the input at one fixed
 * offset {@code ky*dilationH*W + kx*dilationW}: one long vectorisable loop per tap instead of a
 * short one per output row. The grid's extra columns (beyond the output width) are discarded, or
 * held at zero in the backward passes. Strided layers use per-row loops.
 *
 * <p>Each output sums its taps in filter order (row by row, then column), so results do not depend
 * on the thread count; the order differs from the matrix-product path, hence agreement with
 * {@link ReferenceConv2dKernel} to float rounding, not to the bit.
 */
public final class DepthwiseConv2dKernel implements Conv2dKernel {
    // Workspace slots 0..2 belong to Im2colConv2dKernel, which hands its workspace on.
    private static final int PADDED = 3;
    private static final int GRID = 4;

    /** Whether {@code g} is a depthwise convolution: several groups, each reading one input channel. */
    public static boolean handles(ConvGeometry g) {
        return g.groups() > 1 && g.inPerGroup() == 1;
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, false, ws);
    }

    @Override
    public void forwardRelu(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, true, ws);
    }

    private static void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff,
                                boolean relu, Workspace ws) {
        check(g);
        if (g.strideH() == 1 && g.strideW() == 1) {
            forwardPlane(g, x, xOff, w, b, y, yOff, relu, ws);
            return;
        }
        int p = g.outH() * g.outW();
        for (int co = 0; co < g.outChannels(); co++) {
            Arrays.fill(y, yOff + co * p, yOff + (co + 1) * p, b == null ? 0f : b[co]);
        }
        strided(Pass.FORWARD, g, x, xOff, y, yOff, w, null, 0);
        if (relu) {
            for (int i = yOff, end = yOff + g.outSize(); i < end; i++) y[i] = Math.max(y[i], 0f);
        }
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        check(g);
        if (g.strideH() == 1 && g.strideW() == 1) {
            backwardDataPlane(g, dy, dyOff, w, dx, dxOff, ws);
            return;
        }
        // dL/dX scatters each output gradient back along the taps that read it: the full
        // convolution of dL/dO with the turned filter, channel by channel.
        Arrays.fill(dx, dxOff, dxOff + g.inSize(), 0f);
        strided(Pass.DATA, g, dx, dxOff, dy, dyOff, w, null, 0);
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                float[] db, int dbOff, Workspace ws) {
        check(g);
        if (g.strideH() == 1 && g.strideW() == 1) {
            backwardWeightsPlane(g, x, xOff, dy, dyOff, dw, dwOff, ws);
        } else {
            strided(Pass.WEIGHTS, g, x, xOff, dy, dyOff, null, dw, dwOff);
        }
        if (db != null) {
            int p = g.outH() * g.outW();
            for (int co = 0; co < g.outChannels(); co++) {
                float s = 0f;
                for (int i = dyOff + co * p, end = i + p; i < end; i++) s += dy[i];
                db[dbOff + co] += s;
            }
        }
    }

    // ---- stride 1: whole-plane sweeps on a grid as wide as the padded input ----

    /** Width of the padded plane and of the output grid. */
    private static int gridWidth(ConvGeometry g) {
        return g.inW() + g.padLeft() + g.padRight();
    }

    /** Grid positions swept per tap: up to the last output element, {@code (outH-1)*W + outW}. */
    private static int sweep(ConvGeometry g) {
        return (g.outH() - 1) * gridWidth(g) + g.outW();
    }

    /** Copies input channel {@code ci} into a zero-padded {@code (inH+padTop+padBottom) x W} plane. */
    private static void pad(ConvGeometry g, float[] x, int xOff, int ci, float[] plane) {
        int ih = g.inH(), iw = g.inW(), wd = gridWidth(g), rows = ih + g.padTop() + g.padBottom();
        Arrays.fill(plane, 0, g.padTop() * wd, 0f);
        int src = xOff + ci * ih * iw;
        for (int r = 0; r < ih; r++) {
            int d = (g.padTop() + r) * wd;
            Arrays.fill(plane, d, d + g.padLeft(), 0f);
            System.arraycopy(x, src + r * iw, plane, d + g.padLeft(), iw);
            Arrays.fill(plane, d + g.padLeft() + iw, d + wd, 0f);
        }
        Arrays.fill(plane, (g.padTop() + ih) * wd, rows * wd, 0f);
    }

    /** Lays output-shaped channel {@code co} of {@code dy} onto the grid, zeros in the extra columns. */
    private static void toGrid(ConvGeometry g, float[] dy, int dyOff, int co, float[] grid) {
        int oh = g.outH(), ow = g.outW(), wd = gridWidth(g), src = dyOff + co * oh * ow;
        for (int oy = 0; oy < oh; oy++) {
            System.arraycopy(dy, src + oy * ow, grid, oy * wd, ow);
            if (oy < oh - 1) Arrays.fill(grid, oy * wd + ow, (oy + 1) * wd, 0f);
        }
    }

    private static void forwardPlane(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff,
                                     boolean relu, Workspace ws) {
        int oh = g.outH(), ow = g.outW(), kh = g.kernelH(), kw = g.kernelW(), wd = gridWidth(g), n = sweep(g);
        int opg = g.outChannels() / g.groups();
        float[] plane = ws.get(PADDED, (g.inH() + g.padTop() + g.padBottom()) * wd);
        float[] grid = ws.get(GRID, n);
        for (int co = 0; co < g.outChannels(); co++) {
            if (co % opg == 0) pad(g, x, xOff, co / opg, plane);
            Arrays.fill(grid, 0, n, b == null ? 0f : b[co]);
            int wc = co * kh * kw;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    float wv = w[wc + ky * kw + kx];
                    int off = ky * g.dilationH() * wd + kx * g.dilationW();
                    axpy(wv, plane, off, grid, 0, n);
                }
            }
            int yc = yOff + co * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int d = yc + oy * ow, s0 = oy * wd;
                if (relu) {
                    for (int ox = 0; ox < ow; ox++) y[d + ox] = Math.max(grid[s0 + ox], 0f);
                } else {
                    System.arraycopy(grid, s0, y, d, ow);
                }
            }
        }
    }

    private static void backwardDataPlane(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff,
                                          Workspace ws) {
        int ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW(), wd = gridWidth(g), n = sweep(g);
        int opg = g.outChannels() / g.groups(), rows = ih + g.padTop() + g.padBottom();
        float[] plane = ws.get(PADDED, rows * wd);
        float[] grid = ws.get(GRID, n);
        for (int ci = 0; ci < g.inChannels(); ci++) {
            Arrays.fill(plane, 0, rows * wd, 0f);
            for (int co = ci * opg; co < (ci + 1) * opg; co++) {
                toGrid(g, dy, dyOff, co, grid);
                int wc = co * kh * kw;
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        float wv = w[wc + ky * kw + kx];
                        int off = ky * g.dilationH() * wd + kx * g.dilationW();
                        axpy(wv, grid, 0, plane, off, n);
                    }
                }
            }
            int dc = dxOff + ci * ih * iw;
            for (int r = 0; r < ih; r++) {
                System.arraycopy(plane, (g.padTop() + r) * wd + g.padLeft(), dx, dc + r * iw, iw);
            }
        }
    }

    private static void backwardWeightsPlane(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw,
                                             int dwOff, Workspace ws) {
        int kh = g.kernelH(), kw = g.kernelW(), wd = gridWidth(g), n = sweep(g);
        int opg = g.outChannels() / g.groups();
        float[] plane = ws.get(PADDED, (g.inH() + g.padTop() + g.padBottom()) * wd);
        float[] grid = ws.get(GRID, n);
        for (int co = 0; co < g.outChannels(); co++) {
            if (co % opg == 0) pad(g, x, xOff, co / opg, plane);
            toGrid(g, dy, dyOff, co, grid);
            int wc = dwOff + co * kh * kw;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    dw[wc + ky * kw + kx] += dot(grid, plane, ky * g.dilationH() * wd + kx * g.dilationW(), n);
                }
            }
        }
    }

    /** {@code dst[dOff + j] += a * src[sOff + j]} for {@code j < n}. */
    private static void axpy(float a, float[] src, int sOff, float[] dst, int dOff, int n) {
        if (Sgemm.VECTOR) {
            VectorKernels.axpy(a, src, sOff, dst, dOff, n);
        } else {
            for (int j = 0; j < n; j++) dst[dOff + j] += a * src[sOff + j];
        }
    }

    /** {@code sum_j a[j] * b[off + j]} for {@code j < n}, in a fixed order. */
    private static float dot(float[] a, float[] b, int off, int n) {
        return Sgemm.VECTOR ? VectorKernels.dot(a, b, off, n) : scalarDot(a, b, off, n);
    }

    /** The portable {@link #dot}. */
    static float scalarDot(float[] a, float[] b, int off, int n) {
        // four running sums: independent chains for the pipeline, same order on every run
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += a[j] * b[off + j];
            s1 += a[j + 1] * b[off + j + 1];
            s2 += a[j + 2] * b[off + j + 2];
            s3 += a[j + 3] * b[off + j + 3];
        }
        for (; j < n; j++) s0 += a[j] * b[off + j];
        return (s0 + s1) + (s2 + s3);
    }

    // ---- any stride: per-row loops ----

    /** What {@link #strided} does on each row of taps. */
    private enum Pass {
        /** {@code out += w * in}: the convolution (out holds the bias already). */
        FORWARD,
        /** {@code in += w * out}: dL/dX from dL/dO. */
        DATA,
        /** {@code dw += sum(out * in)}: dL/dW. */
        WEIGHTS
    }

    /**
     * Walks every output channel, filter tap and output row, and applies {@code pass} to the run of
     * output columns whose tap lands inside the input. {@code in} is input-shaped (x, or dx for
     * {@link Pass#DATA}), {@code out} output-shaped (y, or dy for the backward passes). Each element
     * takes its taps in filter order.
     */
    private static void strided(Pass pass, ConvGeometry g, float[] in, int inOff, float[] out, int outOff, float[] w,
                                float[] dw, int dwOff) {
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW();
        int opg = g.outChannels() / g.groups(), sh = g.strideH(), sw = g.strideW();
        for (int co = 0; co < g.outChannels(); co++) {
            int xc = inOff + (co / opg) * ih * iw, yc = outOff + co * p, wc = co * kh * kw;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int x0 = kx * g.dilationW() - g.padLeft();
                    int lo = firstInside(x0, sw), hi = Math.min(ow, lastInside(x0, sw, iw) + 1);
                    if (hi <= lo) continue;
                    float wv = w == null ? 0f : w[wc + ky * kw + kx], s = 0f;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - g.padTop() + ky * g.dilationH();
                        if (iy < 0 || iy >= ih) continue;
                        int yr = yc + oy * ow, xr = xc + iy * iw + x0;
                        switch (pass) {
                            case FORWARD -> {
                                for (int ox = lo; ox < hi; ox++) out[yr + ox] += wv * in[xr + ox * sw];
                            }
                            case DATA -> {
                                for (int ox = lo; ox < hi; ox++) in[xr + ox * sw] += wv * out[yr + ox];
                            }
                            case WEIGHTS -> {
                                for (int ox = lo; ox < hi; ox++) s += out[yr + ox] * in[xr + ox * sw];
                            }
                        }
                    }
                    if (pass == Pass.WEIGHTS) dw[dwOff + wc + ky * kw + kx] += s;
                }
            }
        }
    }

    /** The first output column whose tap at offset {@code x0} lands inside the input ({@code x0 + ox*sw >= 0}). */
    private static int firstInside(int x0, int sw) {
        return x0 >= 0 ? 0 : (-x0 + sw - 1) / sw;
    }

    /** The last output column whose tap at offset {@code x0} lands inside an input {@code iw} wide (may be negative). */
    private static int lastInside(int x0, int sw, int iw) {
        int room = iw - 1 - x0;
        return room < 0 ? -1 : room / sw;
    }

    private static void check(ConvGeometry g) {
        if (!handles(g)) {
            throw new IllegalArgumentException("not a depthwise convolution (groups " + g.groups() + ", "
                    + g.inPerGroup() + " input channels per group): " + g);
        }
    }
}
