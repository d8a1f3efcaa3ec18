package org.convkit.ops;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The forward pass of 3x3 stride-1 layers by Winograd's F(4x4, 3x3) (Lavin and Gray 2016, eq. 8,
 * with the F(4x4, 3x3) matrices they give, interpolation points 0, 1, -1, 2, -2 and infinity):
 * each 4x4 block of outputs is {@code Y = A^T [(G g G^T) ⊙ (B^T d B)] A} for the 6x6 input patch
 * under it, 36 multiplies per channel pair instead of 144 (F(2x2, 3x3) needs 64 for the same 16
 * outputs). Summed over input channels, the 36 element-wise products become 36 matrix products.
 *
 * <p>Where a layer's phases leave a few columns each (large dilations on small maps), the blocks
 * are four outputs high and three or five wide instead, by F(4x3, 3x3) or F(4x5, 3x3)
 * ({@link WinogradRect}, chosen by {@link WinogradConv2dKernel#blockWidth}): the same steps with
 * {@code 6 x 5} or {@code 6 x 7} transform-domain points.
 *
 * <p>It shares {@link WinogradConv2dKernel}'s layout: dilated layers split into phases, zero-padded
 * channels-last copies of the maps, transforms a vector of channels at a time
 * ({@link VectorWinograd#input4} and {@link VectorWinograd#output4}, whose scalar twins here do the
 * same operations in the same order, so the same bits), and the same products. A batch's dL/dX
 * is the same algorithm on the turned filters ({@link #backwardDataBatch}); the weight gradients of
 * wide layers take F(4x4, 3x3) too ({@link Winograd4x4Gradient}), the others F(2x2, 3x3).
 *
 * <p>Chosen by {@link Im2colConv2dKernel} where 4x4 blocks cover at most half again the map's
 * positions, and where the filter transform (36 values per filter, redone every call) is cheap
 * beside the products it saves: layers with at most {@link #MAX_CHANNELS} channels on each side,
 * and wider ones in batches of at least {@link #WIDE_MIN_BATCH}, which share one transform.
 */
final class Winograd4x4Forward {
    // the workspace slots of WinogradConv2dKernel's forward pass (never used by both at once)
    private static final int XT = WinogradConv2dKernel.XT, V = WinogradConv2dKernel.V, M = WinogradConv2dKernel.M;
    private static final int YT = WinogradConv2dKernel.YT, U = WinogradConv2dKernel.U, FILTERS = WinogradConv2dKernel.FILTERS;
    /** Entries of G that are not powers of two. */
    static final float G6 = 1f / 6, G12 = 1f / 12, G24 = 1f / 24;
    /**
     * Wider layers go to F(2x2, 3x3) one example at a time: their filter transform per call costs
     * too much (192x192: 6 M multiplies, 5.3 MB of transformed filters written and read back; the
     * AlphaGo network's batch-1 pass measured 10.7-13.5 ms with F(2x2, 3x3), 14.6-16.3 with this).
     */
    static final int MAX_CHANNELS = 64;
    /**
     * The smallest batch that takes wider layers: shared by the batch, the transform is paid for
     * (the AlphaGo network's batch-64 pass 125-128 -> 138-153 examples/s).
     */
    static final int WIDE_MIN_BATCH = 4;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.winograd4x4", "true"));
    /** This kernel's tag for its transformed filters in a {@link FilterCache}. */
    private static final int KIND = 2;

    /** A 6x6 tile for the scalar transforms. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[36]);

    private Winograd4x4Forward() {
    }

    /**
     * Whether the forward pass of {@code n} examples of {@code g} goes here (the caller has already
     * chosen Winograd for it).
     */
    static boolean chosen(ConvGeometry g, int n) {
        return ON && WinogradConv2dKernel.handles(g)
                && (g.inChannels() <= MAX_CHANNELS && g.outChannels() <= MAX_CHANNELS || n >= WIDE_MIN_BATCH)
                && (covered(WinogradConv2dKernel.tiling4(g)) * 2 <= 3L * g.outH() * g.outW()
                    || n < WIDE_MIN_BATCH && fewerMultiplies(g));
    }

    /**
     * Whether blocks four high multiply less than F(2x2,3x3) on {@code g}, counting the blocks' spare
     * outputs. Large dilations on small maps leave both tilings ragged (res15's dilation 16 on
     * 101x40: 512 blocks of 4x3 outputs for 4,040, against 1,272 blocks of 4), where the larger
     * blocks still need fewer multiplies (15,360 per channel pair against 20,352; in 4x4 blocks
     * 18,432, which one example at a time with the kept filters ran in 780 microseconds against
     * F(2x2,3x3)'s 870). Batches keep the coverage rule above, which training was tuned with.
     */
    private static boolean fewerMultiplies(ConvGeometry g) {
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.tiling4(g);
        return (long) t.blocks * points(t) <= WinogradConv2dKernel.tiling(g).blocks * 16L;
    }

    /** The positions {@code t}'s blocks cover, inside the map or not. */
    private static long covered(WinogradConv2dKernel.Tiling t) {
        return (long) t.blocks * t.bh * t.bw;
    }

    /** Transform-domain points of {@code t}'s blocks, {@code 6 x (bw + 2)}: 36 for 4x4. */
    static int points(WinogradConv2dKernel.Tiling t) {
        return 6 * (t.bw + 2);
    }

    /** This kernel's tag in a {@link FilterCache} for the filters transformed for {@code t}'s block shape. */
    private static int kind(WinogradConv2dKernel.Tiling t) {
        return t.bw == 4 ? KIND : KIND + 2 + t.bw;
    }

    /** One example: {@code y = conv(x, w) + b}, with ReLU when asked. */
    static void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, boolean relu,
                        Workspace ws) {
        forward(g, WinogradConv2dKernel.tiling4(g), x, xOff, w, b, y, yOff, relu, ws);
    }

    /** As above in the blocks of {@code t}, a tiling of {@code g} four outputs high (for tests of each block width). */
    static void forward(ConvGeometry g, WinogradConv2dKernel.Tiling t, float[] x, int xOff, float[] w, float[] b,
                        float[] y, int yOff, boolean relu, Workspace ws) {
        int su = uStride(g, t);
        float[] u = ws.get(U, points(t) * su);
        boolean split = WinogradConv2dKernel.splits();
        WinogradConv2dKernel.stage(split, g.outChannels(), (o0, o1) -> filterTransform(g, t, w, false, u, su, o0, o1));
        example(g, t, x, xOff, u, su, false, b, y, yOff, relu, ws, split, ConvIo.PLAIN);
    }

    /** {@code n} examples: the filters are transformed once. */
    static void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, float[] b, float[] y, boolean relu,
                             IntFunction<float[]> scratch) {
        batch(g, n, x, w, false, null, 0, b, y, relu, ConvIo.PLAIN, scratch);
    }

    /** As {@link #forwardBatch}, keeping the transformed filters in {@code cache} (see {@link FilterCache}). */
    static void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version, float[] b,
                             float[] y, boolean relu, IntFunction<float[]> scratch) {
        batch(g, n, x, w, false, cache, version, b, y, relu, ConvIo.PLAIN, scratch);
    }

    /**
     * As above on {@code norm(x)}, then {@code + addend} (see {@link Conv2dKernel#forwardBatchFused});
     * false, having done nothing, for wide layers' batches, which run examples in groups.
     */
    static boolean forwardBatchFused(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version,
                                     float[] b, float[] y, boolean relu, ChannelNorm norm, float[] addend, int layout,
                                     IntFunction<float[]> scratch) {
        if (wide(g) && n >= WIDE_MIN_BATCH) return false;
        batch(g, n, x, w, false, cache, version, b, y, relu, ConvIo.of(norm, addend, layout), scratch);
        return true;
    }

    /**
     * dL/dX of {@code n} examples of a layer whose backward-data is the forward pass of {@code tg}
     * ({@link Im2colConv2dKernel#fullTransposed}): dL/dO {@code dy} convolved with the layer's
     * filters {@code w} turned 180 degrees, input and output channels swapped; overwrites {@code dx}.
     */
    static void backwardDataBatch(ConvGeometry tg, int n, float[] dy, float[] w, float[] dx, IntFunction<float[]> scratch) {
        batch(tg, n, dy, w, true, null, 0, null, dx, false, ConvIo.PLAIN, scratch);
    }

    private static void batch(ConvGeometry g, int n, float[] x, float[] w, boolean turned, FilterCache cache,
                              long version, float[] b, float[] y, boolean relu, ConvIo io, IntFunction<float[]> scratch) {
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.tiling4(g);
        int raw = uStride(g, t), ps = cache != null ? WinogradConv2dKernel.packedStride(g) : 0;
        boolean packed = ps > 0;
        float[] u = WinogradConv2dKernel.forwardFilters(g, cache, kind(t), version, points(t), raw, ps, scratch,
                f -> WinogradConv2dKernel.stage(WinogradConv2dKernel.splits(), g.outChannels(),
                        (o0, o1) -> filterTransform(g, t, w, turned, f, raw, o0, o1)));
        int su = packed ? ps : raw, is = g.inSize(), os = g.outSize();
        if (wide(g)) {
            // a few blocks per example: the products of GROUP_ROWS blocks' worth of examples at once
            int per = Math.max(1, Math.min(n, GROUP_ROWS / t.blocks));
            for (int i0 = 0; i0 < n; i0 += per) {
                group(g, t, stacked(g, t, Math.min(per, n - i0)), i0, x, u, su, packed, b, y, relu, Parallel.workspace());
            }
            return;
        }
        Parallel.forEach(n, i -> example(g, t, x, i * is, u, su, packed, b, y, i * os, relu, Parallel.workspace(),
                WinogradConv2dKernel.splits(), io));
    }

    /**
     * Rows of the products' left-hand matrices in a group of examples of a wide layer: one
     * example of the AlphaGo network's 19 x 19 maps has 25 blocks, whose products (25 x 192 by
     * 192 x 192) left the micro-kernel's 8-row strips a quarter empty and streamed each filter
     * matrix from L3 for 25 rows; 16 examples make 400 rows.
     */
    static final int GROUP_ROWS = 400;

    static boolean wide(ConvGeometry g) {
        return g.inChannels() > MAX_CHANNELS || g.outChannels() > MAX_CHANNELS;
    }

    /** Stacked tilings of {@code count} examples, per geometry and count. */
    private static final java.util.concurrent.ConcurrentHashMap<ConvGeometry, WinogradConv2dKernel.Tiling[]> STACKED =
            new java.util.concurrent.ConcurrentHashMap<>();

    static WinogradConv2dKernel.Tiling stacked(ConvGeometry g, WinogradConv2dKernel.Tiling one, int count) {
        WinogradConv2dKernel.Tiling[] ts = STACKED.get(g);
        if (ts == null || ts.length <= count) {
            ts = new WinogradConv2dKernel.Tiling[Math.max(count + 1, GROUP_ROWS / one.blocks + 1)];
            if (STACKED.size() < 256) STACKED.put(g, ts);
        }
        if (ts[count] == null) ts[count] = new WinogradConv2dKernel.Tiling(one, count);
        return ts[count];
    }

    /**
     * Examples {@code [i0, i0 + count)} as one tall map ({@link WinogradConv2dKernel.Tiling#Tiling(
     * WinogradConv2dKernel.Tiling, int) stacked}), each step split over the threads.
     */
    private static void group(ConvGeometry g, WinogradConv2dKernel.Tiling one, WinogradConv2dKernel.Tiling t, int i0,
                              float[] x, float[] u, int su, boolean packed, float[] b, float[] y, boolean relu,
                              Workspace ws) {
        int c = g.inChannels(), o = g.outChannels(), n = t.blocks, pitch = one.inRows, count = t.inRows / pitch;
        int is = g.inSize(), os = g.outSize(), oh = g.outH(), pts = points(t);
        float[] xt = ws.get(XT, t.inRows * t.inCols * t.cp), v = ws.get(V, pts * t.sv);
        float[] m = ws.get(M, pts * t.sm), yt = ws.get(YT, t.outRows * t.outCols * t.op);
        boolean split = WinogradConv2dKernel.splits();
        WinogradConv2dKernel.toChannelsLastStacked(x, i0, is, c, g.inH(), g.inW(), xt, pitch, count, t.inCols, t.cp,
                g.padTop(), g.padLeft(), split);
        WinogradConv2dKernel.stage(split, n, (b0, b1) -> inputTransform(t, xt, v, b0, b1));
        WinogradConv2dKernel.stage(split, pts,
                (x0, x1) -> WinogradConv2dKernel.products(t, c, o, v, u, su, packed, m, x0, x1));
        WinogradConv2dKernel.stage(split, n, (b0, b1) -> outputTransform(t, m, yt, b0, b1));
        int ytExample = pitch * t.outCols * t.op;
        WinogradConv2dKernel.stage(split, count * oh, (r0, r1) -> {
            for (int i = r0 / oh; i < count && i * oh < r1; i++) {
                WinogradConv2dKernel.fromChannelsLast(yt, i * ytExample, t.op, t.outCols, o, oh, g.outW(), b, relu, y,
                        (i0 + i) * os, Math.max(r0, i * oh) - i * oh, Math.min(r1, (i + 1) * oh) - i * oh);
            }
        });
    }

    /** Distance between the filter matrices ({@code inChannels} rows of the padded output channels). */
    static int uStride(ConvGeometry g, WinogradConv2dKernel.Tiling t) {
        return WinogradConv2dKernel.stride(g.inChannels() * t.op);
    }

    /**
     * One example in the blocks of {@code t} with the transformed filters {@code u}: split over the
     * threads ({@code split}) or on the calling thread, {@link DirectWinograd} where it applies.
     */
    static void example(ConvGeometry g, WinogradConv2dKernel.Tiling t, float[] x, int xOff, float[] u, int su,
                        boolean packed, float[] b, float[] y, int yOff, boolean relu, Workspace ws, boolean split,
                        ConvIo io) {
        int c = g.inChannels(), o = g.outChannels(), n = t.blocks, pts = points(t);
        boolean chunked = split && WinogradConv2dKernel.chunked(pts, su);
        if (chunked && DirectWinograd.applies(io)) {
            float[] xt = DirectWinograd.gathers(io, t) ? null : WinogradConv2dKernel.paddedInput(ws, t);
            DirectWinograd.example(g, t, x, xOff, xt, u, su, packed, b, y, yOff, relu, io);
            return;
        }
        float[] xt = split ? WinogradConv2dKernel.paddedInput(ws, t) : ws.get(XT, t.inRows * t.inCols * t.cp);
        float[] yt = ws.get(YT, t.outRows * t.outCols * t.op);
        if (chunked) {
            // each chunk takes small transform-domain matrices of its own
            WinogradConv2dKernel.chunkedExample(g, t, pts, x, xOff, xt, yt, b, y, yOff, relu, io, (s, cv, cm) -> {
                inputTransform(s, xt, cv, 0, s.blocks);
                WinogradConv2dKernel.products(s, c, o, cv, u, su, packed, cm, 0, pts);
                outputTransform(s, cm, yt, 0, s.blocks);
            });
            return;
        }
        float[] v = ws.get(V, pts * t.sv), m = ws.get(M, pts * t.sm);
        if (!split) {
            // the steps in a row, with no closures (a batch runs this once per example)
            io.in(g, t, x, xOff, xt, 0, t.inRows, false);
            inputTransform(t, xt, v, 0, n);
            WinogradConv2dKernel.products(t, c, o, v, u, su, packed, m, 0, pts);
            outputTransform(t, m, yt, 0, n);
            io.out(g, t, yt, b, relu, y, yOff, 0, g.outH(), false);
            WinogradConv2dKernel.addAfter(g, io, y, yOff, false, false);
            return;
        }
        WinogradConv2dKernel.stage(true, t.inRows, (r0, r1) -> io.in(g, t, x, xOff, xt, r0, r1, true));
        WinogradConv2dKernel.stage(true, n, (b0, b1) -> inputTransform(t, xt, v, b0, b1));
        WinogradConv2dKernel.stage(true, pts,
                (x0, x1) -> WinogradConv2dKernel.products(t, c, o, v, u, su, packed, m, x0, x1));
        WinogradConv2dKernel.stage(true, n, (b0, b1) -> outputTransform(t, m, yt, b0, b1));
        WinogradConv2dKernel.stage(true, g.outH(), (r0, r1) -> io.out(g, t, yt, b, relu, y, yOff, r0, r1, false));
        WinogradConv2dKernel.addAfter(g, io, y, yOff, false, true);
    }


    // ---------------------------------------------------------------- the transforms

    /** The filter transform for {@code t}'s blocks: the 4x4 one below, or {@link WinogradRect#filterTransform}. */
    static void filterTransform(ConvGeometry g, WinogradConv2dKernel.Tiling t, float[] w, boolean turned, float[] u,
                                int su, int o0, int o1) {
        if (t.bw != 4) WinogradRect.filterTransform(g, t.bw, w, turned, u, su, o0, o1);
        else filterTransform(g, w, turned, u, su, o0, o1);
    }

    /**
     * {@code U = G g G^T} for output channels {@code [o0, o1)} into {@code U[xi][ci][co]}, with
     * {@code G = [[1/4,0,0],[-1/6,-1/6,-1/6],[-1/6,1/6,-1/6],[1/24,1/12,1/6],[1/24,-1/12,1/6],[0,0,1]]}.
     * {@code turned}: {@code g} is a layer's transposed geometry and {@code w} that layer's filters,
     * read turned 180 degrees with input and output channels swapped (no turned copy is made).
     */
    static void filterTransform(ConvGeometry g, float[] w, boolean turned, float[] u, int su, int o0, int o1) {
        int c = g.inChannels(), o = g.outChannels(), op = WinogradConv2dKernel.padChannels(o);
        if (o1 == o && op > o) {
            // the part that ends the filters clears the padding columns the products read
            for (int xi = 0; xi < 36; xi++) for (int ci = 0; ci < c; ci++) {
                int d = xi * su + ci * op;
                Arrays.fill(u, d + o, d + op, 0f);
            }
        }
        if (Sgemm.VECTOR) {
            o0 = VectorWinograd.filters4(g, w, turned, u, su, op, o0, o1, Parallel.workspace().get(FILTERS, 27 * 64));
        }
        float[] h = TILE.get();
        for (int co = o0; co < o1; co++) {
            for (int ci = 0; ci < c; ci++) {
                // H = G g, a column of taps at a time, then each row of H times G^T
                if (turned) {
                    int src = (ci * o + co) * 9;
                    for (int k = 0; k < 3; k++) gRows(w[src + 8 - k], w[src + 5 - k], w[src + 2 - k], h, k, 3);
                } else {
                    int src = (co * c + ci) * 9;
                    for (int k = 0; k < 3; k++) gRows(w[src + k], w[src + 3 + k], w[src + 6 + k], h, k, 3);
                }
                int d = ci * op + co;
                for (int i = 0; i < 6; i++) gRows(h[i * 3], h[i * 3 + 1], h[i * 3 + 2], u, d + i * 6 * su, su);
            }
        }
    }

    /** {@code G (g0, g1, g2)^T}: six values written {@code step} apart from {@code at}. */
    static void gRows(float g0, float g1, float g2, float[] out, int at, int step) {
        float q = g0 * G24, r = g1 * G12, s = g2 * G6;
        out[at] = g0 * 0.25f;
        out[at + step] = (g0 + g1 + g2) * -G6;
        out[at + 2 * step] = (g0 - g1 + g2) * -G6;
        out[at + 3 * step] = q + r + s;
        out[at + 4 * step] = q - r + s;
        out[at + 5 * step] = g2;
    }

    /**
     * {@code V = B^T d B} for blocks {@code [b0, b1)} and every (padded) channel, with
     * {@code B^T = [[4,0,-5,0,1,0],[0,-4,-4,1,1,0],[0,4,-4,-1,1,0],[0,-2,-1,2,1,0],[0,2,-1,-2,1,0],[0,4,0,-5,0,1]]}.
     */
    static void inputTransform(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        if (t.bw != 4) WinogradRect.inputTransform(t, xt, v, b0, b1);
        else if (Sgemm.VECTOR) VectorWinograd.input4(t, xt, v, b0, b1);
        else inputTransformScalar(t, xt, v, b0, b1);
    }

    /** {@link #inputTransform} in plain loops (the same bits as the vector path, which tests check). */
    static void inputTransformScalar(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        int cs = t.cp, rs = t.dh * t.inCols * cs, ks = t.dw * cs, sv = t.sv;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.inCols + t.col[blk]) * cs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                for (int j = 0; j < 6; j++) {
                    int a = r0 + j * ks + ch;
                    bRows(xt[a], xt[a + rs], xt[a + 2 * rs], xt[a + 3 * rs], xt[a + 4 * rs], xt[a + 5 * rs], tile, j, 6);
                }
                for (int i = 0; i < 6; i++) {
                    int a = i * 6;
                    bRows(tile[a], tile[a + 1], tile[a + 2], tile[a + 3], tile[a + 4], tile[a + 5], v, o + ch + a * sv, sv);
                }
            }
        }
    }

    /** {@code B^T e}: six values written {@code step} apart from {@code at}, as {@link VectorWinograd#input4} computes them. */
    static void bRows(float e0, float e1, float e2, float e3, float e4, float e5, float[] out, int at, int step) {
        float p = e4 - e2, q = (e3 - e1) * 2f;
        out[at] = e0 * 4f - e2 * 5f + e4;
        out[at + step] = e3 + e4 - (e1 + e2) * 4f;
        out[at + 2 * step] = e4 - e3 + (e1 - e2) * 4f;
        out[at + 3 * step] = p + q;
        out[at + 4 * step] = p - q;
        out[at + 5 * step] = e1 * 4f - e3 * 5f + e5;
    }

    /**
     * {@code A^T M A} for blocks {@code [b0, b1)} into the channels-last output (bias and ReLU come
     * when it is copied out), with {@code A^T = [[1,1,1,1,1,0],[0,1,-1,2,-2,0],[0,1,1,4,4,0],[0,1,-1,8,-8,1]]};
     * a block's outputs beyond the map land in the copy's margin.
     */
    static void outputTransform(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        if (t.bw != 4) WinogradRect.outputTransform(t, m, yt, b0, b1);
        else if (Sgemm.VECTOR) VectorWinograd.output4(t, m, yt, b0, b1);
        else outputTransformScalar(t, m, yt, b0, b1);
    }

    /** {@link #outputTransform} in plain loops (the same bits as the vector path, which tests check). */
    static void outputTransformScalar(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                for (int j = 0; j < 6; j++) {
                    int s = o + ch + j * sm;
                    aRows(m[s], m[s + 6 * sm], m[s + 12 * sm], m[s + 18 * sm], m[s + 24 * sm], m[s + 30 * sm], tile, j, 6);
                }
                for (int i = 0; i < 4; i++) {
                    int s = i * 6;
                    aRows(tile[s], tile[s + 1], tile[s + 2], tile[s + 3], tile[s + 4], tile[s + 5], yt, r0 + i * rs + ch, ks);
                }
            }
        }
    }

    /** {@code A^T e}: four values written {@code step} apart from {@code at}, as {@link VectorWinograd#output4} computes them. */
    static void aRows(float e0, float e1, float e2, float e3, float e4, float e5, float[] out, int at, int step) {
        float a = e1 + e2, b = e1 - e2, c = e3 + e4, d = e3 - e4;
        out[at] = e0 + a + c;
        out[at + step] = b + d * 2f;
        out[at + 2 * step] = a + c * 4f;
        out[at + 3 * step] = b + d * 8f + e5;
    }
}
