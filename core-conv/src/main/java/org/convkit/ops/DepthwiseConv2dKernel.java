package org.convkit.ops;

import java.util.Arrays;

/**
 * Direct loops for depthwise convolution (one input channel per group, any channel multiplier),
 * as in the depthwise-separable networks of Howard et al. (2017, MobileNets) and Zhang et al.
 * (2017, DS-CNN). Through im2col each group would be a matrix product with a single row and a
 * handful of columns (a 3x3 filter: k = 9), which wastes the whole register tile and unrolls the
 * input nine times; here every filter tap instead runs as one {@code y += w * x} sweep over the
 * output rows it reaches, a contiguous loop the JIT vectorises at stride 1.
 *
 * <p>Each output sums its taps in filter order (row by row, then column), so results do not depend
 * on the thread count; the order differs from the matrix-product path, hence agreement with
 * {@link ReferenceConv2dKernel} to float rounding, not to the bit.
 */
public final class DepthwiseConv2dKernel implements Conv2dKernel {

    /** Whether {@code g} is a depthwise convolution: several groups, each reading one input channel. */
    public static boolean handles(ConvGeometry g) {
        return g.groups() > 1 && g.inPerGroup() == 1;
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, false);
    }

    @Override
    public void forwardRelu(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, true);
    }

    private static void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff,
                                boolean relu) {
        check(g);
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW();
        int opg = g.outChannels() / g.groups(), sh = g.strideH(), sw = g.strideW();
        for (int co = 0; co < g.outChannels(); co++) {
            int xc = xOff + (co / opg) * ih * iw, yc = yOff + co * p, wc = co * kh * kw;
            Arrays.fill(y, yc, yc + p, b == null ? 0f : b[co]);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    float wv = w[wc + ky * kw + kx];
                    int x0 = kx * g.dilationW() - g.padLeft();
                    int lo = firstInside(x0, sw), hi = Math.min(ow, lastInside(x0, sw, iw) + 1);
                    if (hi <= lo) continue;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - g.padTop() + ky * g.dilationH();
                        if (iy < 0 || iy >= ih) continue;
                        int yr = yc + oy * ow, xr = xc + iy * iw + x0;
                        if (sw == 1) {
                            for (int ox = lo; ox < hi; ox++) y[yr + ox] += wv * x[xr + ox];
                        } else {
                            for (int ox = lo; ox < hi; ox++) y[yr + ox] += wv * x[xr + ox * sw];
                        }
                    }
                }
            }
            if (relu) {
                for (int i = yc; i < yc + p; i++) y[i] = Math.max(y[i], 0f);
            }
        }
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        check(g);
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW();
        int opg = g.outChannels() / g.groups(), sh = g.strideH(), sw = g.strideW();
        Arrays.fill(dx, dxOff, dxOff + g.inSize(), 0f);
        // dL/dX scatters each output gradient back along the taps that read it: the full
        // convolution of dL/dO with the turned filter, channel by channel.
        for (int co = 0; co < g.outChannels(); co++) {
            int xc = dxOff + (co / opg) * ih * iw, yc = dyOff + co * p, wc = co * kh * kw;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    float wv = w[wc + ky * kw + kx];
                    int x0 = kx * g.dilationW() - g.padLeft();
                    int lo = firstInside(x0, sw), hi = Math.min(ow, lastInside(x0, sw, iw) + 1);
                    if (hi <= lo) continue;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - g.padTop() + ky * g.dilationH();
                        if (iy < 0 || iy >= ih) continue;
                        int yr = yc + oy * ow, xr = xc + iy * iw + x0;
                        if (sw == 1) {
                            for (int ox = lo; ox < hi; ox++) dx[xr + ox] += wv * dy[yr + ox];
                        } else {
                            for (int ox = lo; ox < hi; ox++) dx[xr + ox * sw] += wv * dy[yr + ox];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                float[] db, int dbOff, Workspace ws) {
        check(g);
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW();
        int opg = g.outChannels() / g.groups(), sh = g.strideH(), sw = g.strideW();
        for (int co = 0; co < g.outChannels(); co++) {
            int xc = xOff + (co / opg) * ih * iw, yc = dyOff + co * p, wc = dwOff + co * kh * kw;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int x0 = kx * g.dilationW() - g.padLeft();
                    int lo = firstInside(x0, sw), hi = Math.min(ow, lastInside(x0, sw, iw) + 1);
                    if (hi <= lo) continue;
                    float s = 0f;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - g.padTop() + ky * g.dilationH();
                        if (iy < 0 || iy >= ih) continue;
                        int yr = yc + oy * ow, xr = xc + iy * iw + x0;
                        if (sw == 1) {
                            for (int ox = lo; ox < hi; ox++) s += dy[yr + ox] * x[xr + ox];
                        } else {
                            for (int ox = lo; ox < hi; ox++) s += dy[yr + ox] * x[xr + ox * sw];
                        }
                    }
                    dw[wc + ky * kw + kx] += s;
                }
            }
            if (db != null) {
                float s = 0f;
                for (int i = yc; i < yc + p; i++) s += dy[i];
                db[dbOff + co] += s;
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
