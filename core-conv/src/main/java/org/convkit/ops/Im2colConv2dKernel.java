package org.convkit.ops;

/**
 * Convolution as matrix products (Chellapilla et al. 2006): the input patches of one example are
 * unrolled into a {@code (C/groups*kh*kw) x (outH*outW)} matrix ("im2col"), and then
 * <ul>
 *   <li>forward: {@code Y = W * col + b} (with ReLU fused into the product's last write when asked);</li>
 *   <li>backward-weights: {@code dW += dY * col^T} (the input correlated with dL/dO);</li>
 *   <li>backward-data: {@code dcol = W^T * dY}, scattered back by col2im — the same sums as the full
 *       convolution of dL/dO with the 180-degree-turned filters.</li>
 * </ul>
 * Two layouts need no unrolling because the patch matrix is already a strided view of the input:
 * 1x1 stride-1 unpadded convolutions, and filters as wide as an unpadded single-channel input
 * (Kim 2014's sentence convolutions), whose patch for output row {@code t} is the contiguous run
 * starting at row {@code t*strideH}. Products run through {@link Sgemm}; buffers come from the
 * caller's {@link Workspace}. Depthwise layers (one input channel per group), where each group's
 * product would have a single row, go to the direct loops of {@link DepthwiseConv2dKernel}; 3x3
 * stride-1 layers with at least {@link #WINOGRAD_MIN_CHANNELS} input and output channels to
 * Winograd's F(2x2,3x3) in {@link WinogradConv2dKernel} (off with {@code -Dconvkit.winograd=false}).
 */
public final class Im2colConv2dKernel implements Conv2dKernel {
    private static final int COL = 0;
    private static final int SCRATCH = 1;
    private static final int TURNED = 2;
    private static final DepthwiseConv2dKernel DEPTHWISE = new DepthwiseConv2dKernel();
    private static final WinogradConv2dKernel WINOGRAD = new WinogradConv2dKernel();
    /**
     * Fewer channels than this on either side leave Winograd's products too thin to repay its
     * transforms (a first layer over one input plane, for one).
     */
    static final int WINOGRAD_MIN_CHANNELS = 16;
    private static final boolean WINOGRAD_ON = Boolean.parseBoolean(System.getProperty("convkit.winograd", "true"));

    /**
     * Whether {@code g} goes to Winograd's algorithm: 3x3 stride-1 layers with enough channels
     * whose 2x2 output blocks cover at most half again as many positions as the map has. Large
     * dilations on small maps cut each phase into few blocks with ragged edges: res15's dilations 8
     * and 16 on 101x40 need 26 % more, and there Winograd still measured 1.4 times faster than
     * im2col forward and 1.5 times backward (45 channels, one thread, batch of 16).
     */
    static boolean winograd(ConvGeometry g) {
        return WINOGRAD_ON && WinogradConv2dKernel.handles(g) && g.inChannels() >= WINOGRAD_MIN_CHANNELS
                && g.outChannels() >= WINOGRAD_MIN_CHANNELS
                && WinogradConv2dKernel.tiling(g).blocks * 4L * 2 <= 3L * g.outH() * g.outW();
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, ws, false);
    }

    @Override
    public void forwardRelu(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, ws, true);
    }

    private void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws,
                         boolean relu) {
        if (DepthwiseConv2dKernel.handles(g)) {
            if (relu) DEPTHWISE.forwardRelu(g, x, xOff, w, b, y, yOff, ws);
            else DEPTHWISE.forward(g, x, xOff, w, b, y, yOff, ws);
            return;
        }
        if (winograd(g)) {
            if (Winograd4x4Forward.chosen(g, 1)) Winograd4x4Forward.forward(g, x, xOff, w, b, y, yOff, relu, ws);
            else if (relu) WINOGRAD.forwardRelu(g, x, xOff, w, b, y, yOff, ws);
            else WINOGRAD.forward(g, x, xOff, w, b, y, yOff, ws);
            return;
        }
        if (WidthWinogradKernel.chosen(g)) {
            WidthWinogradKernel.forward(g, x, xOff, w, b, y, yOff, relu, ws);
            return;
        }
        int p = g.outH() * g.outW(), k = g.filterSize(), opg = g.outChannels() / g.groups();
        int plane = g.inH() * g.inW();
        boolean pointwise = isPointwise(g), rows = isRowView(g);
        float[] col = pointwise || rows || GatheredConv.chosen(g) ? null : ws.get(COL, k * p);
        for (int grp = 0; grp < g.groups(); grp++) {
            int xo = xOff + grp * g.inPerGroup() * plane, yo = yOff + grp * opg * p, wo = grp * opg * k;
            if (pointwise) {
                Sgemm.gemm(false, false, opg, p, k, w, wo, k, x, xo, p, y, yo, p, false, b, grp * opg, relu);
            } else if (rows) {
                Sgemm.gemm(false, true, opg, p, k, w, wo, k, x, xo, rowStride(g), y, yo, p, false, b, grp * opg, relu);
            } else if (GatheredConv.chosen(g)) {
                GatheredConv.forward(g, x, xOff, w, b, y, yOff, relu, ws);
            } else {
                im2col(g, grp, x, xOff, col);
                Sgemm.gemm(false, false, opg, p, k, w, wo, k, col, 0, p, y, yo, p, false, b, grp * opg, relu);
            }
        }
    }

    @Override
    public void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, float[] b, float[] y, boolean relu,
                             java.util.function.IntFunction<float[]> scratch) {
        forwardBatch(g, n, x, w, null, 0, b, y, relu, scratch);
    }

    @Override
    public void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version, float[] b,
                             float[] y, boolean relu, java.util.function.IntFunction<float[]> scratch) {
        if (winograd(g) && Winograd4x4Forward.chosen(g, n)) {
            Winograd4x4Forward.forwardBatch(g, n, x, w, cache, version, b, y, relu, scratch);
        } else if (winograd(g)) {
            WINOGRAD.forwardBatch(g, n, x, w, cache, version, b, y, relu, scratch);
        } else if (WidthWinogradKernel.chosen(g)) {
            WidthWinogradKernel.forwardBatch(g, n, x, w, cache, version, b, y, relu, scratch);
        } else {
            Conv2dKernel.super.forwardBatch(g, n, x, w, b, y, relu, scratch);
        }
    }

    @Override
    public boolean forwardBatchFused(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version,
                                     float[] b, float[] y, boolean relu, ChannelNorm norm, float[] addend, int layout,
                                     java.util.function.IntFunction<float[]> scratch) {
        if (winograd(g) && Winograd4x4Forward.chosen(g, n)) {
            return Winograd4x4Forward.forwardBatchFused(g, n, x, w, cache, version, b, y, relu, norm, addend, layout, scratch);
        }
        if (!winograd(g) && layout != 0 && FewChannelsConv.handles(g)) {
            FewChannelsConv.forwardBatch(g, n, x, w, b, y, relu, norm, addend, layout);
            return true;
        }
        return winograd(g) && WINOGRAD.forwardBatchFused(g, n, x, w, cache, version, b, y, relu, norm, addend, layout, scratch);
    }

    /**
     * Every Winograd layer (only wide layers' batches of four or more run examples in groups, which
     * do not fuse), and layers with few input channels ({@link FewChannelsConv}), which fuse where
     * a map is channels-last and leave the steps to the caller otherwise.
     */
    @Override
    public boolean fusesSmallBatches(ConvGeometry g) {
        return winograd(g) || FewChannelsConv.handles(g);
    }

    @Override
    public void backwardBatch(ConvGeometry g, int n, float[] x, float[] dy, float[] w, float[] dx, float[] dw, float[] db,
                              java.util.function.IntFunction<float[]> scratch) {
        if (winograd(g) && (dx == null || WinogradConv2dKernel.handlesBackwardData(g))) {
            ConvGeometry tg = dx != null ? fullTransposed(g) : null;
            if (tg != null && Winograd4x4Forward.chosen(tg, n)) {
                // dL/dX for the whole batch by F(4x4, 3x3) first, then the weights
                Winograd4x4Forward.backwardDataBatch(tg, n, dy, w, dx, scratch);
                backwardWeightsBatch(g, n, x, dy, w, dw, db, scratch);
            } else if (tg == null) {
                backwardWeightsBatch(g, n, x, dy, w, dw, db, scratch);
            } else {
                WINOGRAD.backwardBatch(g, n, x, dy, w, dx, dw, db, scratch);
            }
        } else if (dx != null && WidthWinogradKernel.chosenBackwardData(g)) {
            // dL/dX for the whole batch first (its filter transform done once), then the weights
            WidthWinogradKernel.backwardDataBatch(g, n, dy, w, dx, scratch);
            Conv2dKernel.super.backwardBatch(g, n, x, dy, w, null, dw, db, scratch);
        } else {
            Conv2dKernel.super.backwardBatch(g, n, x, dy, w, dx, dw, db, scratch);
        }
    }

    /** A Winograd layer's weight gradients of a batch: by F(4x4, 3x3) where it is chosen, F(2x2, 3x3) otherwise. */
    private static void backwardWeightsBatch(ConvGeometry g, int n, float[] x, float[] dy, float[] w, float[] dw,
                                             float[] db, java.util.function.IntFunction<float[]> scratch) {
        if (Winograd4x4Gradient.chosen(g, n)) Winograd4x4Gradient.backwardWeightsBatch(g, n, x, dy, dw, db, scratch);
        else WINOGRAD.backwardBatch(g, n, x, dy, w, null, dw, db, scratch);
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        if (DepthwiseConv2dKernel.handles(g)) {
            DEPTHWISE.backwardData(g, dy, dyOff, w, dx, dxOff, ws);
            return;
        }
        if (winograd(g) && WinogradConv2dKernel.handlesBackwardData(g)) {
            WINOGRAD.backwardData(g, dy, dyOff, w, dx, dxOff, ws);
            return;
        }
        if (!winograd(g) && WidthWinogradKernel.chosenBackwardData(g)) {
            WidthWinogradKernel.backwardData(g, dy, dyOff, w, dx, dxOff, ws);
            return;
        }
        int p = g.outH() * g.outW(), k = g.filterSize(), opg = g.outChannels() / g.groups();
        int plane = g.inH() * g.inW();
        if (isPointwise(g)) {
            for (int grp = 0; grp < g.groups(); grp++) {
                Sgemm.gemm(true, false, k, p, opg, w, grp * opg * k, k, dy, dyOff + grp * opg * p, p,
                        dx, dxOff + grp * g.inPerGroup() * p, p, false, null, 0, false);
            }
            return;
        }
        ConvGeometry tg = transposedGeometry(g);
        if (tg != null) {
            // dL/dX as a forward convolution of dL/dO with the turned filters: one product, no col2im
            float[] wt = ws.get(TURNED, g.weightSize());
            turnFilters(g, w, wt);
            int pin = g.inH() * g.inW(), kt = tg.filterSize();
            float[] col = ws.get(COL, kt * pin);
            im2col(tg, 0, dy, dyOff, col);
            Sgemm.gemm(false, false, g.inChannels(), pin, kt, wt, 0, kt, col, 0, pin, dx, dxOff, pin, false, null, 0, false);
            return;
        }
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inSize(), 0f);
        if (isRowView(g)) {
            // dcol^T[p x k] = dY^T W, then each patch row adds back onto the input run it was read from.
            float[] s = ws.get(SCRATCH, p * k);
            int ld = rowStride(g);
            for (int grp = 0; grp < g.groups(); grp++) {
                Sgemm.gemm(true, false, p, k, opg, dy, dyOff + grp * opg * p, p, w, grp * opg * k, k, s, 0, k, false, null, 0, false);
                int base = dxOff + grp * plane;
                for (int t = 0; t < p; t++) {
                    int d = base + t * ld, o = t * k;
                    for (int e = 0; e < k; e++) dx[d + e] += s[o + e];
                }
            }
            return;
        }
        float[] col = ws.get(COL, k * p);
        for (int grp = 0; grp < g.groups(); grp++) {
            Sgemm.gemm(true, false, k, p, opg, w, grp * opg * k, k, dy, dyOff + grp * opg * p, p, col, 0, p, false, null, 0, false);
            col2imAdd(g, grp, col, dx, dxOff);
        }
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                float[] db, int dbOff, Workspace ws) {
        if (DepthwiseConv2dKernel.handles(g)) {
            DEPTHWISE.backwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
            return;
        }
        if (winograd(g)) {
            WINOGRAD.backwardWeights(g, x, xOff, dy, dyOff, dw, dwOff, db, dbOff, ws);
            return;
        }
        int p = g.outH() * g.outW(), k = g.filterSize(), opg = g.outChannels() / g.groups();
        int plane = g.inH() * g.inW();
        boolean pointwise = isPointwise(g), rows = isRowView(g);
        float[] col = pointwise || rows ? null : ws.get(COL, k * p);
        for (int grp = 0; grp < g.groups(); grp++) {
            int xo = xOff + grp * g.inPerGroup() * plane, dyo = dyOff + grp * opg * p, dwo = dwOff + grp * opg * k;
            if (pointwise) {
                Sgemm.gemm(false, true, opg, k, p, dy, dyo, p, x, xo, p, dw, dwo, k, true, null, 0, false);
            } else if (rows) {
                Sgemm.gemm(false, false, opg, k, p, dy, dyo, p, x, xo, rowStride(g), dw, dwo, k, true, null, 0, false);
            } else {
                im2col(g, grp, x, xOff, col);
                Sgemm.gemm(false, true, opg, k, p, dy, dyo, p, col, 0, p, dw, dwo, k, true, null, 0, false);
            }
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

    /**
     * A single-channel (per group), unpadded input under filters exactly as wide as it (and not
     * dilated in height): output row {@code t}'s patch is input elements
     * {@code [t*strideH*W, t*strideH*W + kh*W)}, so the patch matrix is a view of the input with
     * row stride {@code strideH*W}.
     */
    static boolean isRowView(ConvGeometry g) {
        return g.inPerGroup() == 1 && g.kernelW() == g.inW() && g.padLeft() == 0 && g.padRight() == 0
                && g.padTop() == 0 && g.padBottom() == 0 && g.dilationH() == 1 && (g.dilationW() == 1 || g.kernelW() == 1)
                && !isPointwise(g);
    }

    /**
     * For a stride-1, ungrouped convolution padded by at most {@code dilation*(k-1)} on each side,
     * the geometry under which dL/dX is the forward convolution of dL/dO (as input, {@code outC}
     * channels) with the filters turned 180 degrees and their channel axes swapped: padding
     * {@code dilation*(k-1) - pad} on each side gives an output of exactly the input's size.
     * Null where that does not hold (strides, groups, the strided-view and 1x1 layouts) or does
     * not pay (fewer than 16 input channels, more than twice as many filters as channels, or an
     * input more than a quarter larger than the output).
     */
    static ConvGeometry transposedGeometry(ConvGeometry g) {
        if (g.groups() != 1 || g.strideH() != 1 || g.strideW() != 1 || isPointwise(g) || isRowView(g)) return null;
        // the product's rows are the input channels: too few of them (a first layer) waste the
        // register tile, and many more filters than channels make the unrolled dL/dO the bigger matrix
        if (g.inChannels() < 16 || 2 * g.inChannels() < g.outChannels()) return null;
        // an unpadded layer's full convolution also sums over the zero border: take it only when
        // the input has at most a quarter more positions than the output
        if (4L * g.inH() * g.inW() > 5L * g.outH() * g.outW()) return null;
        return fullTransposed(g);
    }

    /**
     * The transposed geometry of any stride-1 ungrouped layer, whether or not it pays here: dL/dO
     * (the layer's {@code outChannels} as input) padded by {@code dilation*(k-1) - pad} on each
     * side. Null if a side is padded by more than the filter reaches.
     */
    static ConvGeometry fullTransposed(ConvGeometry g) {
        if (g.groups() != 1 || g.strideH() != 1 || g.strideW() != 1) return null;
        int eh = g.dilationH() * (g.kernelH() - 1), ew = g.dilationW() * (g.kernelW() - 1);
        int pt = eh - g.padTop(), pb = eh - g.padBottom(), pl = ew - g.padLeft(), pr = ew - g.padRight();
        if (pt < 0 || pb < 0 || pl < 0 || pr < 0) return null;
        return new ConvGeometry(g.outChannels(), g.outH(), g.outW(), g.inChannels(), g.kernelH(), g.kernelW(), 1, 1,
                pt, pb, pl, pr, g.dilationH(), g.dilationW(), 1);
    }

    /** {@code wt[ci][co][kh-1-ky][kw-1-kx] = w[co][ci][ky][kx]}. */
    private static void turnFilters(ConvGeometry g, float[] w, float[] wt) {
        int kh = g.kernelH(), kw = g.kernelW(), ci = g.inChannels(), co = g.outChannels(), taps = kh * kw;
        for (int o = 0; o < co; o++) {
            for (int i = 0; i < ci; i++) {
                int src = (o * ci + i) * taps, dst = (i * co + o) * taps + taps - 1;
                for (int t = 0; t < taps; t++) wt[dst - t] = w[src + t];
            }
        }
    }

    private static int rowStride(ConvGeometry g) {
        return g.strideH() * g.inW();
    }

    /** A 1x1, stride-1, unpadded convolution reads its input directly as the patch matrix. */
    private static boolean isPointwise(ConvGeometry g) {
        return g.kernelH() == 1 && g.kernelW() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padBottom() == 0 && g.padLeft() == 0 && g.padRight() == 0;
    }

    /** Unrolled matrices smaller than this many floats are not split over threads. */
    private static final int PARALLEL_MIN_COL = 1 << 16;

    /**
     * Row {@code (ci*kh + ky)*kw + kx}, column {@code oy*outW + ox} holds the input under that tap.
     * Called outside the pool (a single example, where the batch gives no parallelism), a large
     * matrix is filled by all threads, each taking a block of rows.
     */
    static void im2col(ConvGeometry g, int grp, float[] x, int xOff, float[] col) {
        int rows = g.filterSize(), size = rows * g.outH() * g.outW();
        int parts = Math.min(Parallel.threads(), size / PARALLEL_MIN_COL);
        if (parts > 1 && !Parallel.inWorker()) {
            Parallel.forEach(parts, t -> im2colRows(g, grp, x, xOff, col,
                    Parallel.chunkStart(rows, parts, t), Parallel.chunkStart(rows, parts, t + 1)));
        } else {
            im2colRows(g, grp, x, xOff, col, 0, rows);
        }
    }

    /** Rows {@code [r0, r1)} of {@link #im2col}. */
    private static void im2colRows(ConvGeometry g, int grp, float[] x, int xOff, float[] col, int r0, int r1) {
        int oh = g.outH(), ow = g.outW(), p = oh * ow, ih = g.inH(), iw = g.inW(), kh = g.kernelH(), kw = g.kernelW();
        for (int row = r0; row < r1; row++) {
            int ci = row / (kh * kw), ky = row / kw % kh, kx = row % kw;
            int cBase = xOff + (grp * g.inPerGroup() + ci) * ih * iw;
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
                if (g.strideW() == 1) {
                    // zeros where the tap falls in the padding, one copy for the rest
                    int lo = Math.min(ow, Math.max(0, -x0)), hi = Math.max(lo, Math.min(ow, iw - x0));
                    if (lo > 0) java.util.Arrays.fill(col, d, d + lo, 0f);
                    if (hi > lo) System.arraycopy(x, src + x0 + lo, col, d + lo, hi - lo);
                    if (hi < ow) java.util.Arrays.fill(col, d + hi, d + ow, 0f);
                } else {
                    for (int ox = 0; ox < ow; ox++) {
                        int ix = ox * g.strideW() + x0;
                        col[d + ox] = ix >= 0 && ix < iw ? x[src + ix] : 0f;
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
                        if (g.strideW() == 1) {
                            int lo = Math.min(ow, Math.max(0, -x0)), hi = Math.max(lo, Math.min(ow, iw - x0));
                            int o = dst + x0;
                            for (int ox = lo; ox < hi; ox++) dx[o + ox] += col[s + ox];
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
