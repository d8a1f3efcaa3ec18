package org.convkit.ops;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * 3x3 stride-1 convolution by Winograd's minimal filtering algorithm F(2x2, 3x3) (Lavin and Gray
 * 2016, "Fast algorithms for convolutional neural networks", eq. 8): each 2x2 block of outputs is
 * {@code Y = A^T [(G g G^T) ⊙ (B^T d B)] A} for the 4x4 input patch {@code d} under it, so a
 * block costs 16 multiplies per channel pair instead of 36. Summed over input channels, the 16
 * element-wise products become 16 independent matrix products (one per element {@code xi} of the
 * 4x4 transform domain), which run through {@link Sgemm} (or, for 33 to 48 filters, through
 * {@link VectorWinograd#product}, which reads the transformed inputs in place): 2.25 times fewer multiply-adds than
 * direct convolution on maps with an even size, a little less on odd ones.
 *
 * <ul>
 *   <li>forward: {@code M[xi] = V[xi] U[xi]}, with {@code V = B^T d B} the transformed input
 *       patches (a row per 2x2 output block, a column per input channel) and {@code U = G g G^T}
 *       the transformed filters, then {@code Y = A^T M A}, bias and ReLU added as the result is
 *       written;</li>
 *   <li>backward-data: the same algorithm on dL/dO under the filters turned 180 degrees with their
 *       channel axes swapped (the full convolution of the kernel interface);</li>
 *   <li>backward-weights: differentiating the forward formula gives
 *       {@code dL/dg = G^T [sum over blocks (A dY A^T) ⊙ (B^T d B)] G}, again 16 matrix products,
 *       now summing over the blocks.</li>
 * </ul>
 *
 * <p>Dilated layers (the residual keyword spotters of Tang and Lin 2018) are split into phases:
 * outputs whose row and column have the same remainders modulo the dilation read a sub-grid of
 * the input under an undilated 3x3 filter, so each phase is tiled on its own sub-grid and every
 * phase's blocks join the same products. Padding may be any amount.
 *
 * <p>The transforms read and write channels-last copies of the maps (zero-padded, so no block
 * needs a bounds check), where one block's values for consecutive channels are contiguous: on the
 * Vector API each transform step handles a vector of channels. The scalar path does the same
 * additions in the same order, so both give the same bits. The batch calls transform the filters
 * once per batch and sum weight gradients in the transform domain per fixed chunk of the batch,
 * transforming back once; nothing depends on the thread count. Results differ from direct
 * summation by float rounding (the transforms add and halve values before multiplying).
 */
public final class WinogradConv2dKernel implements Conv2dKernel {
    // Workspace slots 0..4 belong to the im2col and depthwise kernels, which hand their workspace on;
    // Winograd4x4Forward uses the forward slots below too (never at the same time on one thread).
    static final int XT = 5;
    static final int V = 6;
    static final int M = 7;
    static final int YT = 8;
    static final int U = 9;
    private static final int DU = 10;
    static final int FILTERS = 11;
    /**
     * Fixed chunks a batch's weight gradient is summed in (fewer than {@link Parallel#CHUNKS}: each
     * chunk holds a transform-domain gradient 16/9 the size of the weights, 2.4 MB for a 192x192
     * bank; four still keep two to four threads busy).
     */
    static final int CHUNKS = 4;
    /** Channel counts are padded to a multiple of this in the channels-last copies (a multiple of every vector width). */
    private static final int CPAD = 16;

    /** Whether the algorithm applies: 3x3 filters, stride 1, no groups (any padding and dilation). */
    public static boolean handles(ConvGeometry g) {
        return g.kernelH() == 3 && g.kernelW() == 3 && g.strideH() == 1 && g.strideW() == 1 && g.groups() == 1;
    }

    /** Whether {@link #backwardData} can run {@code g} (padding at most twice the dilation on each side). */
    public static boolean handlesBackwardData(ConvGeometry g) {
        return handles(g) && g.padTop() <= 2 * g.dilationH() && g.padBottom() <= 2 * g.dilationH()
                && g.padLeft() <= 2 * g.dilationW() && g.padRight() <= 2 * g.dilationW();
    }

    // ---------------------------------------------------------------- the per-example interface

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forwardOne(g, x, xOff, w, b, y, yOff, false, ws);
    }

    @Override
    public void forwardRelu(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forwardOne(g, x, xOff, w, b, y, yOff, true, ws);
    }

    private static void forwardOne(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff,
                                   boolean relu, Workspace ws) {
        check(g);
        float[] u = ws.get(U, 16 * uStride(g));
        boolean split = splits();
        stage(split, g.outChannels(), (o0, o1) -> filterTransform(g, w, false, u, o0, o1));
        example(g, x, xOff, u, uStride(g), false, b, y, yOff, relu, ws, split);
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        ConvGeometry tg = transposed(g);
        float[] u = ws.get(U, 16 * uStride(tg));
        boolean split = splits();
        stage(split, tg.outChannels(), (o0, o1) -> filterTransform(tg, w, true, u, o0, o1));
        example(tg, dy, dyOff, u, uStride(tg), false, null, dx, dxOff, false, ws, split);
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                float[] db, int dbOff, Workspace ws) {
        check(g);
        int su = uStride(g);
        float[] du = ws.get(DU, 16 * su);
        boolean split = splits();
        gradientExample(g, x, xOff, dy, dyOff, du, 0, false, ws, split);
        stage(split, g.outChannels(), (o0, o1) -> filterGradientTransform(g, du, 0, dw, dwOff, o0, o1));
        if (db != null) biasGradient(g, dy, dyOff, db, dbOff);
    }

    // ---------------------------------------------------------------- the batch interface

    @Override
    public void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, float[] b, float[] y, boolean relu,
                             IntFunction<float[]> scratch) {
        forwardBatch(g, n, x, w, null, 0, b, y, relu, scratch);
    }

    @Override
    public void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version, float[] b,
                             float[] y, boolean relu, IntFunction<float[]> scratch) {
        forwardBatchFused(g, n, x, w, cache, version, b, y, relu, null, null, 0, scratch);
    }

    @Override
    public boolean forwardBatchFused(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version,
                                     float[] b, float[] y, boolean relu, ChannelNorm norm, float[] addend, int layout,
                                     IntFunction<float[]> scratch) {
        check(g);
        ConvIo io = ConvIo.of(norm, addend, layout);
        int ps = cache != null ? packedStride(g) : 0, su = ps > 0 ? ps : uStride(g);
        float[] u = forwardFilters(g, cache, KIND, version, 16, uStride(g), ps, scratch,
                f -> stage(splits(), g.outChannels(), (o0, o1) -> filterTransform(g, w, false, f, o0, o1)));
        int is = g.inSize(), os = g.outSize();
        Parallel.forEach(n, i -> example(g, x, i * is, u, su, ps > 0, b, y, i * os, relu, Parallel.workspace(), splits(),
                io));
        return true;
    }

    @Override
    public void backwardBatch(ConvGeometry g, int n, float[] x, float[] dy, float[] w, float[] dx, float[] dw, float[] db,
                              IntFunction<float[]> scratch) {
        check(g);
        int chunks = Math.min(CHUNKS, n), is = g.inSize(), os = g.outSize(), o = g.outChannels();
        ConvGeometry tg = dx != null ? transposed(g) : null;
        int su = uStride(g), tu = tg != null ? 16 * uStride(tg) : 0;
        // one buffer: the turned filters' transform, then dU of each chunk, then db of each chunk
        float[] s = scratch.apply(tu + chunks * 16 * su + chunks * o);
        int duBase = tu, dbBase = tu + chunks * 16 * su;
        if (tg != null) stage(splits(), tg.outChannels(), (o0, o1) -> filterTransform(tg, w, true, s, o0, o1));
        Parallel.forEach(chunks, c -> {
            int from = Parallel.chunkStart(n, chunks, c), to = Parallel.chunkStart(n, chunks, c + 1);
            Workspace ws = Parallel.workspace();
            boolean split = splits();
            int du = duBase + c * 16 * su;
            for (int i = from; i < to; i++) {
                if (tg != null) example(tg, dy, i * os, s, uStride(tg), false, null, dx, i * is, false, ws, split);
                gradientExample(g, x, i * is, dy, i * os, s, du, i > from, ws, split);
            }
            if (db != null) {
                Arrays.fill(s, dbBase + c * o, dbBase + (c + 1) * o, 0f);
                for (int i = from; i < to; i++) biasGradient(g, dy, i * os, s, dbBase + c * o);
            }
        });
        // sum the chunks' transform-domain gradients in chunk order, then transform back once
        int total = 16 * su;
        Parallel.forRange(total, (e0, e1) -> {
            for (int c = 1; c < chunks; c++) {
                int src = duBase + c * total;
                for (int e = e0; e < e1; e++) s[duBase + e] += s[src + e];
            }
        });
        stage(splits(), o, (o0, o1) -> filterGradientTransform(g, s, duBase, dw, 0, o0, o1));
        if (db != null) {
            for (int c = 0; c < chunks; c++) for (int k = 0; k < o; k++) db[k] += s[dbBase + c * o + k];
        }
    }

    /** This kernel's tag for its transformed filters in a {@link FilterCache}. */
    private static final int KIND = 1;
    /** Added to a kernel's tag for its transformed filters packed for the products. */
    private static final int PACKED = 16;

    /**
     * The distance between the 16 filter matrices packed whole for the products (see
     * {@link VectorGemm#packB(float[], int, int, int, int, float[], int)}), or 0 where the
     * products do not take them packed: without the Vector API, and for 33 to 48 filters, whose
     * products ({@link VectorWinograd#product}) read the transform in place. Packing the kept
     * transform once spares every call packing each of its 16 matrices again; the AlphaGo
     * network's 192x192 products took 650 microseconds a layer with B packed per call against
     * 700 read in place.
     */
    static int packedStride(ConvGeometry g) {
        if (!Sgemm.VECTOR || narrowProducts(padChannels(g.outChannels()), g.inChannels())) return 0;
        return stride(VectorGemm.packedBSize(g.inChannels(), g.outChannels()));
    }

    /** Whether the products of {@code c} input channels into {@code op} padded output channels read the filters in place. */
    private static boolean narrowProducts(int op, int c) {
        return Sgemm.VECTOR && VectorWinograd.narrow(op) && c <= ScalarGemm.KC;
    }

    /**
     * The transformed filters of a forward pass of {@code g}: {@code points} matrices {@code raw}
     * apart as {@code transform} writes them, or, with {@code ps > 0} (a cache given, see
     * {@link #packedStride}), each then packed for the products {@code ps} apart; kept in
     * {@code cache} under {@code kind} (plus {@link #PACKED}) as {@link #filters} does.
     */
    static float[] forwardFilters(ConvGeometry g, FilterCache cache, int kind, long version, int points, int raw, int ps,
                                  IntFunction<float[]> scratch, java.util.function.Consumer<float[]> transform) {
        if (ps == 0) return filters(cache, kind, version, points * raw, scratch, transform);
        return filters(cache, kind + PACKED, version, points * ps, scratch, f -> {
            float[] r = scratch.apply(points * raw);
            transform.accept(r);
            int c = g.inChannels(), o = g.outChannels(), op = padChannels(o);
            stage(splits(), points, (x0, x1) -> {
                for (int xi = x0; xi < x1; xi++) VectorGemm.packB(r, xi * raw, op, c, o, f, xi * ps);
            });
        });
    }

    /**
     * The transformed filters of a forward pass: those {@code cache} keeps when they are
     * transform {@code kind} of the weights at {@code version}; otherwise {@code transform} makes
     * them, into the cache (kept for the next call) or, without one, into {@code scratch}.
     */
    static float[] filters(FilterCache cache, int kind, long version, int size, IntFunction<float[]> scratch,
                           java.util.function.Consumer<float[]> transform) {
        if (cache == null) {
            float[] u = scratch.apply(size);
            transform.accept(u);
            return u;
        }
        float[] u = cache.find(kind, version);
        if (u != null) return u;
        u = cache.fill(size);
        transform.accept(u);
        cache.keep(kind, version);
        return u;
    }

    // ---------------------------------------------------------------- one example

    private static void check(ConvGeometry g) {
        if (!handles(g)) {
            throw new IllegalArgumentException("Winograd F(2x2,3x3) needs a 3x3, stride-1, ungrouped convolution: " + g);
        }
    }

    /** The geometry whose forward pass is {@code g}'s backward-data: dL/dO padded by {@code 2*dilation - pad}. */
    private static ConvGeometry transposed(ConvGeometry g) {
        check(g);
        if (!handlesBackwardData(g)) {
            throw new IllegalArgumentException("Winograd backward-data needs padding <= 2*dilation on each side: " + g);
        }
        return Im2colConv2dKernel.fullTransposed(g);
    }

    /** {@code y = A^T [U ⊙ (B^T d B)] A (+ b, ReLU)} for one example, the filters already transformed. */
    private static void example(ConvGeometry g, float[] x, int xOff, float[] u, int su, boolean packed, float[] b,
                                float[] y, int yOff, boolean relu, Workspace ws, boolean split) {
        example(g, x, xOff, u, su, packed, b, y, yOff, relu, ws, split, ConvIo.PLAIN);
    }

    /** As above, the maps read and written as {@code io} says. */
    private static void example(ConvGeometry g, float[] x, int xOff, float[] u, int su, boolean packed, float[] b,
                                float[] y, int yOff, boolean relu, Workspace ws, boolean split, ConvIo io) {
        Tiling t = tiling(g);
        int c = g.inChannels(), o = g.outChannels(), n = t.blocks;
        float[] xt = split ? paddedInput(ws, t) : ws.get(XT, t.inRows * t.inCols * t.cp);
        float[] yt = ws.get(YT, t.outRows * t.outCols * t.op);
        if (split && chunked(16, su)) {
            // each chunk takes small transform-domain matrices of its own
            chunkedExample(g, t, 16, x, xOff, xt, yt, b, y, yOff, relu, io, (s, cv, cm) -> {
                inputTransform(s, xt, cv, 0, s.blocks);
                products(s, c, o, cv, u, su, packed, cm, 0, 16);
                outputTransform(s, cm, yt, 0, s.blocks);
            });
            return;
        }
        float[] v = ws.get(V, 16 * t.sv), m = ws.get(M, 16 * t.sm);
        if (!split) {
            // the steps in a row, with no closures (a batch runs this once per example)
            io.in(g, t, x, xOff, xt, 0, t.inRows, false);
            inputTransform(t, xt, v, 0, n);
            products(t, c, o, v, u, su, packed, m, 0, 16);
            outputTransform(t, m, yt, 0, n);
            io.out(g, t, yt, b, relu, y, yOff, 0, g.outH(), false);
            addAfter(g, io, y, yOff, false, false);
            return;
        }
        stage(true, t.inRows, (r0, r1) -> io.in(g, t, x, xOff, xt, r0, r1, true));
        stage(true, n, (b0, b1) -> inputTransform(t, xt, v, b0, b1));
        stage(true, 16, (x0, x1) -> products(t, c, o, v, u, su, packed, m, x0, x1));
        stage(true, n, (b0, b1) -> outputTransform(t, m, yt, b0, b1));
        stage(true, g.outH(), (r0, r1) -> io.out(g, t, yt, b, relu, y, yOff, r0, r1, false));
        addAfter(g, io, y, yOff, false, true);
    }

    /** The addend where {@link ConvIo#addsAfter} puts it, split over the threads when {@code split}. */
    static void addAfter(ConvGeometry g, ConvIo io, float[] y, int yOff, boolean rowsShared, boolean split) {
        if (io.addsAfter(rowsShared)) stage(split, io.afterParts(g), (k0, k1) -> io.addAfter(g, y, yOff, k0, k1));
    }

    /**
     * {@code M[xi] (blocks x o) = V[xi] (blocks x c) U[xi] (c x o)} for {@code xi} in {@code [x0, x1)}
     * (F(2x2) or F(4x4), whose transform-domain points these are), the {@code U[xi]} {@code su}
     * apart, packed for the products when {@code packed} (see {@link #packedStride}).
     */
    static void products(Tiling t, int c, int o, float[] v, float[] u, int su, boolean packed, float[] m, int x0, int x1) {
        int n = t.blocks;
        boolean narrow = narrowProducts(t.op, c);
        for (int xi = x0; xi < x1; xi++) {
            if (packed) VectorGemm.gemmPackedB(0, n, o, c, v, xi * t.sv, t.cp, u, xi * su, m, xi * t.sm, t.op, false, null, 0, false);
            else if (narrow) VectorWinograd.product(v, xi * t.sv, t.cp, u, xi * su, t.op, m, xi * t.sm, n, c);
            else Sgemm.gemmSerial(false, false, n, o, c, v, xi * t.sv, t.cp, u, xi * su, t.op, m, xi * t.sm, t.op, false, null, 0, false);
        }
    }

    /**
     * {@code dU[xi] (c x o) (+)= V[xi]^T (c x blocks) dM[xi] (blocks x o)} for {@code xi} in
     * {@code [x0, x1)} (F(2x2) or F(4x4), whose transform-domain points these are).
     */
    static void gradientProducts(Tiling t, int c, int o, float[] v, float[] dm, float[] du, int duOff,
                                         boolean accumulate, int x0, int x1) {
        int n = t.blocks, su = stride(c * t.op);
        boolean narrow = Sgemm.VECTOR && VectorWinograd.narrow(t.op);
        for (int xi = x0; xi < x1; xi++) {
            if (narrow) VectorWinograd.productTransposed(v, xi * t.sv, t.cp, dm, xi * t.sm, t.op, du, duOff + xi * su, c, n, accumulate);
            else Sgemm.gemmSerial(true, false, c, o, n, v, xi * t.sv, t.cp, dm, xi * t.sm, t.op, du, duOff + xi * su, t.op,
                    accumulate, null, 0, false);
        }
    }

    /**
     * Adds (or, unless {@code accumulate}, writes) one example's {@code V^T dM} into the 16
     * transform-domain gradient matrices at {@code du[duOff ..]}.
     */
    private static void gradientExample(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] du, int duOff,
                                        boolean accumulate, Workspace ws, boolean split) {
        Tiling t = tiling(g);
        int c = g.inChannels(), o = g.outChannels(), n = t.blocks;
        float[] xt = ws.get(XT, Math.max(t.inRows * t.inCols * t.cp, t.outRows * t.outCols * t.op));
        float[] v = ws.get(V, 16 * t.sv), dm = ws.get(M, 16 * t.sm);
        // dL/dO goes channels-last, zero beyond the map, into the same scratch once the input copy is used up
        if (!split) {
            toChannelsLast(x, xOff, c, g.inH(), g.inW(), xt, t.inRows, t.inCols, t.cp, g.padTop(), g.padLeft(), 0, t.inRows);
            inputTransform(t, xt, v, 0, n);
            toChannelsLast(dy, dyOff, o, g.outH(), g.outW(), xt, t.outRows, t.outCols, t.op, 0, 0, 0, t.outRows);
            outputGradientTransform(t, xt, dm, 0, n);
            gradientProducts(t, c, o, v, dm, du, duOff, accumulate, 0, 16);
            return;
        }
        stage(true, t.inRows, (r0, r1) -> toChannelsLast(x, xOff, c, g.inH(), g.inW(), xt, t.inRows, t.inCols, t.cp,
                g.padTop(), g.padLeft(), r0, r1));
        stage(true, n, (b0, b1) -> inputTransform(t, xt, v, b0, b1));
        stage(true, t.outRows, (r0, r1) -> toChannelsLast(dy, dyOff, o, g.outH(), g.outW(), xt, t.outRows, t.outCols, t.op,
                0, 0, r0, r1));
        stage(true, n, (b0, b1) -> outputGradientTransform(t, xt, dm, b0, b1));
        stage(true, 16, (x0, x1) -> gradientProducts(t, c, o, v, dm, du, duOff, accumulate, x0, x1));
    }

    private static void biasGradient(ConvGeometry g, float[] dy, int dyOff, float[] db, int dbOff) {
        biasGradient(g, dy, dyOff, db, dbOff, 0, g.outChannels());
    }

    /** {@code db[dbOff + co] +=} one example's dL/dO summed over its positions, for output channels {@code [o0, o1)}. */
    static void biasGradient(ConvGeometry g, float[] dy, int dyOff, float[] db, int dbOff, int o0, int o1) {
        int p = g.outH() * g.outW();
        for (int co = o0; co < o1; co++) {
            float s = 0;
            int off = dyOff + co * p;
            for (int i = 0; i < p; i++) s += dy[off + i];
            db[dbOff + co] += s;
        }
    }

    /** A single example called from outside the pool spreads each stage over the threads. */
    static boolean splits() {
        return Parallel.threads() > 1 && !Parallel.inWorker();
    }

    static void stage(boolean split, int n, Parallel.RangeBody body) {
        if (!split || n < 2) {
            body.run(0, n);
            return;
        }
        // one part per thread: splitting finer measured slower (batch-1 res15 13.6 ms against 11.3)
        int parts = Math.min(Parallel.threads(), n);
        Parallel.forEach(parts, p -> body.run(Parallel.chunkStart(n, parts, p), Parallel.chunkStart(n, parts, p + 1)));
    }

    /**
     * The zero-padded channels-last input copy of one example of tiling {@code t} split over the
     * threads: kept for that tiling in the calling thread's workspace, so its margins stay zero
     * from one call to the next ({@code toChannelsLast(..., clean = true)}). Only single examples
     * keep them (a few MB for res15's five layouts), where the latency is.
     */
    static float[] paddedInput(Workspace ws, Tiling t) {
        return ws.kept(t, t.inRows * t.inCols * t.cp);
    }

    // ---------------------------------------------------------------- one example in chunks of blocks

    /** The transform-domain steps of one chunk of an example's blocks. */
    @FunctionalInterface
    interface ChunkSteps {
        /** Input transform, products and output transform of the blocks of {@code chunk}, in its own {@code v} and {@code m}. */
        void run(Tiling chunk, float[] v, float[] m);
    }

    /** Blocks per chunk in {@link #chunks}: a chunk's F(4x4,3x3) transforms of 48 channels are 220 KB. */
    static final int CHUNK_BLOCKS = 32;
    /** The largest filter transform (bytes, all its matrices) that {@link #chunks} runs with. */
    private static final long CHUNK_MAX_FILTER_BYTES = 1L << 20;
    private static final boolean CHUNKS_ON = Boolean.parseBoolean(System.getProperty("convkit.winograd.chunks", "true"));

    /**
     * Whether one example's transforms and products go by {@link #chunks}: where the filter
     * transform ({@code points} matrices {@code su} apart) stays in L2 beside a chunk's work. Every
     * chunk reads all the filter matrices, so wide layers (the AlphaGo network's 2.4 MB) split by
     * transform-domain point instead, which reads each matrix once.
     */
    static boolean chunked(int points, int su) {
        return CHUNKS_ON && 4L * points * su <= CHUNK_MAX_FILTER_BYTES;
    }

    /**
     * The input transform, products and output transform of one example, chunk by chunk of
     * {@link #CHUNK_BLOCKS} blocks, chunks dealt to the threads in turn, each into the thread's
     * own small transform-domain matrices, which stay in its caches from one step to the next.
     * Over whole maps, res15's 101x40 maps made 1.8 MB of transforms per step (3.6 MB with
     * F(2x2,3x3) on the dilated layers), which went out to L3 and back between steps: about 12 MB
     * moved per layer, at 15 GB/s one core's L3 bandwidth here. Every block goes through the same
     * operations either way, so the bits are the same.
     */
    static void chunks(Tiling t, int points, ChunkSteps steps) {
        Tiling[] parts = t.chunks();
        Parallel.forEach(parts.length, k -> {
            Tiling s = parts[k];
            Workspace ws = Parallel.workspace();
            steps.run(s, ws.get(V, points * s.sv), ws.get(M, points * s.sm));
        });
    }

    static final boolean CLASSES_ON = Boolean.parseBoolean(System.getProperty("convkit.winograd.rowClasses", "true"));

    /**
     * One example split over the threads, its transforms and products in chunks: by
     * {@link #rowClasses} where the row dilation gives each thread a class of rows of its own,
     * otherwise the channels-last copy by rows, {@link #chunks}, and the copy back by rows.
     */
    static void chunkedExample(ConvGeometry g, Tiling t, int points, float[] x, int xOff, float[] xt, float[] yt,
                               float[] b, float[] y, int yOff, boolean relu, ConvIo io, ChunkSteps steps) {
        if (CLASSES_ON && t.dh >= Parallel.threads()) {
            rowClasses(g, t, points, x, xOff, xt, yt, b, y, yOff, relu, io, steps);
            return;
        }
        stage(true, t.inRows, (r0, r1) -> io.in(g, t, x, xOff, xt, r0, r1, true));
        chunks(t, points, steps);
        stage(true, g.outH(), (r0, r1) -> io.out(g, t, yt, b, relu, y, yOff, r0, r1, false));
        addAfter(g, io, y, yOff, false, true);
    }

    /**
     * A dilated example split over the threads by classes of rows, with one hand-off: the blocks of
     * phase {@code ry} read only the copy's rows congruent to {@code ry} modulo the row dilation
     * and write only such output rows, so a thread that takes phases {@code [ry0, ry1)} copies
     * those input rows, runs those phases' blocks chunk by chunk and writes those output rows,
     * reading and writing nothing another thread touches. Staged over the whole map, res15's
     * dilated layers moved every map between the two cores' caches at each of five steps.
     */
    private static void rowClasses(ConvGeometry g, Tiling t, int points, float[] x, int xOff, float[] xt, float[] yt,
                                   float[] b, float[] y, int yOff, boolean relu, ConvIo io, ChunkSteps steps) {
        int parts = Math.min(Parallel.threads(), t.dh);
        RowClasses classes = t.classes(parts);
        Parallel.forEach(parts, q -> {
            classes.eachRun(q, t.inRows, (r0, r1) -> io.in(g, t, x, xOff, xt, r0, r1, true));
            Workspace ws = Parallel.workspace();
            for (Tiling s : classes.chunks[q]) steps.run(s, ws.get(V, points * s.sv), ws.get(M, points * s.sm));
            classes.eachRun(q, g.outH(), (r0, r1) -> io.out(g, t, yt, b, relu, y, yOff, r0, r1, true));
        });
        // a channels-first output's addend by channels once both threads are done: the classes'
        // rows share cache lines at their ends, and adding class by class (dilation 2: every other
        // row) made the threads fight over them
        addAfter(g, io, y, yOff, true, true);
    }

    // ---------------------------------------------------------------- layout

    /**
     * The distance between the 16 transform-domain matrices: the size rounded up to whole cache
     * lines, and then to an odd number of them. Sizes that are multiples of 4 KB would put element
     * {@code xi} of every matrix in the same L1 cache set, and the transforms, which touch all 16
     * at once, would evict their own lines (measured: three to four times slower on a 192x192
     * filter bank).
     */
    static int stride(int size) {
        int lines = (size + 15) / 16;
        return 16 * (lines | 1);
    }

    /**
     * Distance between the 16 filter matrices {@code U[xi]} ({@code inChannels} rows of
     * {@code outChannels} padded to a multiple of 16, the padding zero).
     */
    static int uStride(ConvGeometry g) {
        return stride(g.inChannels() * padChannels(g.outChannels()));
    }

    static int padChannels(int c) {
        return (c + CPAD - 1) / CPAD * CPAD;
    }

    private static final ConcurrentHashMap<ConvGeometry, Tiling> TILINGS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<ConvGeometry, Tiling> TILINGS4 = new ConcurrentHashMap<>();

    /** The tiling of {@code g} into 2x2 blocks, computed once per geometry. */
    static Tiling tiling(ConvGeometry g) {
        return tiling(g, 2, TILINGS);
    }

    /**
     * The tiling of {@code g} into blocks four outputs high (for {@link Winograd4x4Forward}), computed
     * once per geometry: four wide, or three or five where that needs at least
     * {@link #RECT_MIN_SAVING} fewer transform-domain multiplies (see {@link #blockWidth}).
     */
    static Tiling tiling4(ConvGeometry g) {
        return tiling(g, 4, TILINGS4);
    }

    /** The tiling of {@code g} into square 4x4 blocks, whatever {@link #tiling4} chooses (for tests). */
    static Tiling square4(ConvGeometry g) {
        return new Tiling(g, 4, 4);
    }

    private static Tiling tiling(ConvGeometry g, int size, ConcurrentHashMap<ConvGeometry, Tiling> cache) {
        Tiling t = cache.get(g);
        if (t == null) {
            t = new Tiling(g, size, size == 4 ? blockWidth(g) : size);
            if (cache.size() < 256) cache.put(g, t);
        }
        return t;
    }

    /**
     * The smallest share of F(4x4, 3x3)'s multiplies that a block three or five outputs wide must
     * save to be chosen: the wider transforms cost more per point (F(5, 3)'s {@code B^T} has 7x7
     * entries against F(4, 3)'s 6x6) and round a little more, so near-equal counts keep 4x4.
     */
    static final double RECT_MIN_SAVING = 0.15;
    private static final boolean RECT_ON = Boolean.parseBoolean(System.getProperty("convkit.winograd.rect", "true"));

    /**
     * How many outputs wide F(4 x m, 3x3)'s blocks are for {@code g}: 3, 4 or 5, the fewest
     * transform-domain multiplies ({@code blocks * 6 * (m + 2)}) where they save at least
     * {@link #RECT_MIN_SAVING}. Large dilations leave each phase a few columns (res15's dilation
     * 8 on 40 columns: phases of 5 columns, which 4x4 blocks cover with 8, so 42 % fewer
     * multiplies in blocks 5 wide; dilation 16: phases of 2 or 3 columns, 17 % fewer 3 wide).
     */
    static int blockWidth(ConvGeometry g) {
        if (!RECT_ON) return 4;
        long square = new Tiling(g, 4, 4).blocks * 36L;
        int best = 4;
        long bestCount = square;
        for (int m : new int[] {3, 5}) {
            long count = new Tiling(g, 4, m).blocks * 6L * (m + 2);
            if (count < bestCount && count <= (1 - RECT_MIN_SAVING) * square) {
                best = m;
                bestCount = count;
            }
        }
        return best;
    }

    /**
     * The {@code bh x bw} output blocks (2x2 for F(2x2,3x3); 4x4, 4x3 or 4x5 for F(4 x m, 3x3)) of
     * every phase, in order: phase {@code (ry, rx)} (outputs whose row is {@code ry} and column
     * {@code rx} modulo the dilation), then block row, then block column. Block {@code k}'s
     * outputs are rows {@code row[k] + i*dh} and columns {@code col[k] + j*dw} for {@code i} below
     * {@code bh} and {@code j} below {@code bw}; its {@code (bh+2) x (bw+2)} input patch, in the
     * zero-padded channels-last input copy, has its corner at the same {@code (row[k], col[k])}.
     */
    static final class Tiling {
        /** Outputs per block down ({@code bh}) and across ({@code bw}). */
        final int bh, bw, dh, dw, blocks;
        final int[] row, col;
        /** Channels-last copies: input {@code inRows x inCols x cp}, output {@code outRows x outCols x op}. */
        final int inRows, inCols, cp, outRows, outCols, op;
        /** Distances between the 16 matrices {@code V[xi]} ({@code blocks x cp}) and {@code M[xi]} ({@code blocks x op}). */
        final int sv, sm;

        Tiling(ConvGeometry g, int bh, int bw) {
            this.bh = bh;
            this.bw = bw;
            dh = g.dilationH();
            dw = g.dilationW();
            int oh = g.outH(), ow = g.outW(), n = 0;
            for (int ry = 0; ry < Math.min(dh, oh); ry++) {
                for (int rx = 0; rx < Math.min(dw, ow); rx++) n += blockRows(oh, ry) * blockCols(ow, rx);
            }
            blocks = n;
            row = new int[n];
            col = new int[n];
            int k = 0;
            for (int ry = 0; ry < Math.min(dh, oh); ry++) {
                for (int rx = 0; rx < Math.min(dw, ow); rx++) {
                    for (int a = 0; a < blockRows(oh, ry); a++) {
                        for (int b = 0; b < blockCols(ow, rx); b++, k++) {
                            row[k] = ry + bh * a * dh;
                            col[k] = rx + bw * b * dw;
                        }
                    }
                }
            }
            // a block's first output is inside the map; its patch reaches bh+1 (bw+1) dilations further
            inRows = oh + (bh + 1) * dh;
            inCols = ow + (bw + 1) * dw;
            outRows = oh + (bh - 1) * dh;
            outCols = ow + (bw - 1) * dw;
            cp = padChannels(g.inChannels());
            op = padChannels(g.outChannels());
            sv = stride(n * cp);
            sm = stride(n * op);
        }

        /**
         * {@code n} examples' tilings of {@code one} stacked: example {@code i}'s input copy starts
         * {@code i * one.inRows} rows down a tall copy, and so does its output copy (whose own
         * rows are fewer), so that the blocks of all {@code n} run through one set of transforms
         * and products.
         */
        Tiling(Tiling one, int n) {
            bh = one.bh;
            bw = one.bw;
            dh = one.dh;
            dw = one.dw;
            blocks = one.blocks * n;
            row = new int[blocks];
            col = new int[blocks];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < one.blocks; k++) {
                    row[i * one.blocks + k] = one.row[k] + i * one.inRows;
                    col[i * one.blocks + k] = one.col[k];
                }
            }
            inRows = one.inRows * n;
            inCols = one.inCols;
            outRows = one.inRows * n;
            outCols = one.outCols;
            cp = one.cp;
            op = one.op;
            sv = stride(blocks * cp);
            sm = stride(blocks * op);
        }

        /**
         * Blocks {@code [b0, b1)} of {@code whole} as a tiling of their own: the same maps and
         * copies, transform-domain matrices of {@code b1 - b0} rows (see {@link #chunks}).
         */
        Tiling(Tiling whole, int b0, int b1) {
            bh = whole.bh;
            bw = whole.bw;
            dh = whole.dh;
            dw = whole.dw;
            blocks = b1 - b0;
            row = Arrays.copyOfRange(whole.row, b0, b1);
            col = Arrays.copyOfRange(whole.col, b0, b1);
            inRows = whole.inRows;
            inCols = whole.inCols;
            cp = whole.cp;
            outRows = whole.outRows;
            outCols = whole.outCols;
            op = whole.op;
            sv = stride(blocks * cp);
            sm = stride(blocks * op);
        }

        /** This tiling's blocks in chunks of {@link #CHUNK_BLOCKS}, each as a tiling of its own (made once). */
        Tiling[] chunks() {
            Tiling[] p = chunks;
            if (p == null) {
                p = new Tiling[(blocks + CHUNK_BLOCKS - 1) / CHUNK_BLOCKS];
                for (int k = 0; k < p.length; k++) p[k] = new Tiling(this, k * CHUNK_BLOCKS, Math.min(blocks, (k + 1) * CHUNK_BLOCKS));
                chunks = p; // two threads may both build them: the same tilings either way
            }
            return p;
        }

        private volatile Tiling[] chunks;

        /**
         * For {@link #rowClasses} over {@code parts} threads: which phase rows each part takes and
         * its blocks in chunks, made once per count (see {@link RowClasses}).
         */
        RowClasses classes(int parts) {
            RowClasses p = classes;
            if (p == null || p.runs.length != parts) {
                p = new RowClasses(this, parts);
                classes = p; // two threads may both build them: the same plan either way
            }
            return p;
        }

        private volatile RowClasses classes;

        private int blockRows(int oh, int ry) {
            return ((oh - ry + dh - 1) / dh + bh - 1) / bh;
        }

        private int blockCols(int ow, int rx) {
            return ((ow - rx + dw - 1) / dw + bw - 1) / bw;
        }
    }

    /**
     * A dilated tiling's phase rows dealt to {@code parts} threads for {@link #rowClasses}: phase
     * rows by their block counts, largest first, each to the part with the fewest blocks so far
     * (res15's dilation 8 on 101 rows: five phase rows of 32 blocks and three of 24; the first
     * four and the last four made 128 against 104, and the lighter thread waited 75 microseconds
     * a layer; dealt, 120 against 112), or in equal shares of consecutive phase rows where that
     * is as even. {@code runs[q]} holds part {@code q}'s phase rows as
     * pairs {@code [from, to)} of consecutive ones, {@code chunks[q]} its blocks in chunks of
     * {@link #CHUNK_BLOCKS}, each as a tiling of its own. The deal depends only on the tiling.
     */
    static final class RowClasses {
        final int[][] runs;
        final Tiling[][] chunks;
        /** The row dilation: the period of the classes. */
        private final int d;

        RowClasses(Tiling t, int parts) {
            int d = t.dh;
            this.d = d;
            int[] start = new int[d + 1];
            for (int k = 0; k < t.blocks; k++) start[t.row[k] % d + 1]++;
            for (int ry = 0; ry < d; ry++) start[ry + 1] += start[ry];
            Integer[] order = new Integer[d];
            for (int ry = 0; ry < d; ry++) order[ry] = ry;
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(start[b + 1] - start[b], start[a + 1] - start[a]));
            boolean[][] mine = new boolean[parts][d];
            long[] load = new long[parts];
            for (int ry : order) {
                int q = 0;
                for (int i = 1; i < parts; i++) if (load[i] < load[q]) q = i;
                mine[q][ry] = true;
                load[q] += start[ry + 1] - start[ry];
            }
            // equal shares of consecutive phase rows where dealing does not do better
            long dealt = 0, even = 0;
            for (int q = 0; q < parts; q++) {
                dealt = Math.max(dealt, load[q]);
                even = Math.max(even, start[Parallel.chunkStart(d, parts, q + 1)] - start[Parallel.chunkStart(d, parts, q)]);
            }
            if (even <= dealt) {
                for (int q = 0; q < parts; q++) {
                    java.util.Arrays.fill(mine[q], false);
                    java.util.Arrays.fill(mine[q], Parallel.chunkStart(d, parts, q), Parallel.chunkStart(d, parts, q + 1), true);
                }
            }
            runs = new int[parts][];
            chunks = new Tiling[parts][];
            for (int q = 0; q < parts; q++) {
                java.util.List<Integer> r = new java.util.ArrayList<>();
                java.util.List<Tiling> c = new java.util.ArrayList<>();
                for (int ry = 0; ry < d; ) {
                    if (!mine[q][ry]) {
                        ry++;
                        continue;
                    }
                    int to = ry;
                    while (to < d && mine[q][to]) to++;
                    r.add(ry);
                    r.add(to);
                    for (int b0 = start[ry]; b0 < start[to]; b0 += CHUNK_BLOCKS) {
                        c.add(new Tiling(t, b0, Math.min(start[to], b0 + CHUNK_BLOCKS)));
                    }
                    ry = to;
                }
                runs[q] = r.stream().mapToInt(Integer::intValue).toArray();
                chunks[q] = c.toArray(new Tiling[0]);
            }
        }

        /** Part {@code q}'s rows of a map of {@code rows} rows (those in its phase rows modulo the dilation), a run of consecutive ones at a time. */
        void eachRun(int q, int rows, Parallel.RangeBody body) {
            int[] r = runs[q];
            for (int r0 = 0; r0 < rows; r0 += d) {
                for (int i = 0; i < r.length; i += 2) body.run(Math.min(rows, r0 + r[i]), Math.min(rows, r0 + r[i + 1]));
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} of a zero-padded channels-last copy {@code rows x cols x cs} of a
     * {@code channels x h x w} map, element {@code (iy, ix)} at {@code (iy + top, ix + left)}. Split
     * over threads the copy goes by rows, not channels: a cell's channels share cache lines, and
     * two threads writing different channels of the same cells slowed both (res15 batch-1
     * 11.3 -> 9.7 ms). Within the rows it goes one channel plane at a time, which reads each plane
     * in order (a row-by-row order measured 1.4 times slower on one thread).
     */
    static void toChannelsLast(float[] src, int off, int channels, int h, int w, float[] dst, int rows, int cols, int cs,
                               int top, int left, int r0, int r1) {
        toChannelsLast(src, off, channels, h, w, dst, rows, cols, cs, top, left, r0, r1, null, false);
    }

    /**
     * Examples {@code [i0, i0 + count)} of a batch ({@code size} floats apart from {@code src[0]},
     * each a {@code channels x h x w} map) stacked as one zero-padded channels-last copy,
     * {@code pitch} rows to an example, example {@code i}'s element {@code (iy, ix)} at
     * {@code (iy + top + i * pitch, ix + left)}: the tall copies of {@link Tiling#Tiling(Tiling, int)}
     * stacked tilings. Split over the threads by rows when {@code split}.
     */
    static void toChannelsLastStacked(float[] src, int i0, int size, int channels, int h, int w, float[] dst, int pitch,
                                      int count, int cols, int cs, int top, int left, boolean split) {
        stage(split, count * pitch, (r0, r1) -> {
            for (int i = r0 / pitch; i < count && i * pitch < r1; i++) {
                toChannelsLast(src, (i0 + i) * size, channels, h, w, dst, count * pitch, cols, cs, top + i * pitch, left,
                        Math.max(r0, i * pitch), Math.min(r1, (i + 1) * pitch));
            }
        });
    }

    /**
     * As above, with {@code norm} (if not null) applied to the map's values as they land, each
     * row while it is in L1; the zero padding stays zero, as it is around a normalised map. With
     * {@code clean}, {@code dst}'s cells outside the map already hold zeros ({@link #paddedInput})
     * and only the map's cells are written: res15's dilation-16 layer pads its 101 x 40 maps to
     * 181 x 120, whose 3.3 MB of margins were cleared on every call.
     */
    static void toChannelsLast(float[] src, int off, int channels, int h, int w, float[] dst, int rows, int cols, int cs,
                               int top, int left, int r0, int r1, ChannelNorm norm, boolean clean) {
        int xlim = Math.max(0, Math.min(w, cols - left));
        int y0 = Math.max(r0, top), y1 = Math.min(r1, top + h);
        // whole blocks of 16 columns go through the register transpose, 16 channels at a time, which
        // also writes the padding channels' zeros
        int full = Sgemm.VECTOR && VectorTranspose.USABLE ? xlim / 16 * 16 : 0, plane = h * w;
        if (!clean) clearMargins(dst, cols, cs, left, xlim, y0, y1, r0, r1);
        for (int r = y0; r < y1; r++) {
            int row = r * cols * cs;
            for (int q = left + full; cs > channels && q < left + xlim; q++) {
                Arrays.fill(dst, row + q * cs + channels, row + (q + 1) * cs, 0f);
            }
        }
        boolean vector = Sgemm.VECTOR && VectorTranspose.USABLE;
        for (int r = y0; r < y1 && vector; r++) {
            for (int c0 = 0; c0 < channels; c0 += 16) {
                int rowsIn = Math.min(16, channels - c0), a = off + c0 * plane + (r - top) * w;
                for (int x0 = 0; x0 < full; x0 += 16) {
                    VectorTranspose.block16(src, a + x0, plane, rowsIn, dst, (r * cols + left + x0) * cs + c0, cs, 16, false,
                            null, 0, false);
                }
                // the last columns: a whole block is read (past the row, harmless where the array
                // goes on) and only the columns of the map are written
                if (full < xlim && a + (rowsIn - 1) * plane + full + 16 <= src.length) {
                    VectorTranspose.block16(src, a + full, plane, rowsIn, dst, (r * cols + left + full) * cs + c0, cs,
                            xlim - full, false, null, 0, false);
                } else {
                    for (int ch = c0; ch < c0 + rowsIn; ch++) {
                        int d = (r * cols + left) * cs + ch, si = off + ch * plane + (r - top) * w;
                        for (int ix = full; ix < xlim; ix++) dst[d + ix * cs] = src[si + ix];
                    }
                }
            }
            if (norm != null) norm.applyChannelsLast(dst, (r * cols + left) * cs, xlim, cs);
        }
        for (int ch = 0; ch < channels && !vector; ch++) {
            int s = off + ch * plane;
            for (int r = y0; r < y1; r++) {
                int d = (r * cols + left) * cs + ch, si = s + (r - top) * w;
                for (int ix = 0; ix < xlim; ix++) dst[d + ix * cs] = src[si + ix];
            }
        }
        for (int r = y0; r < y1 && !vector && norm != null; r++) norm.applyChannelsLast(dst, (r * cols + left) * cs, xlim, cs);
    }

    /**
     * Zeros in rows {@code [r0, r1)} of a padded channels-last copy ({@code cols} cells of
     * {@code cs} a row) outside the map, whose rows are {@code [y0, y1)} and whose columns are
     * {@code [left, left + xlim)}.
     */
    static void clearMargins(float[] dst, int cols, int cs, int left, int xlim, int y0, int y1, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int row = r * cols * cs;
            if (r < y0 || r >= y1) {
                Arrays.fill(dst, row, row + cols * cs, 0f);
            } else {
                Arrays.fill(dst, row, row + left * cs, 0f);
                Arrays.fill(dst, row + (left + xlim) * cs, row + cols * cs, 0f);
            }
        }
    }

    /**
     * {@code y += e} on output rows {@code [oy0, oy1)} of each of {@code o} channels of
     * {@code oh x ow} maps: a residual sum {@code relu(conv) + kept}, the same bits as a pass of
     * its own. Channel by channel, so {@code e} is read as one stream at a time; row by row across
     * the channels (45 streams 16 KB apart in res15) the prefetchers lost track, and adding each
     * row as it was written took 50 microseconds more per map than a pass of its own.
     */
    static void addRows(float[] y, float[] e, int yOff, int o, int oh, int ow, int oy0, int oy1) {
        for (int co = 0; co < o; co++) addRun(y, e, yOff + (co * oh + oy0) * ow, (oy1 - oy0) * ow);
    }

    static void addRun(float[] y, float[] e, int at, int len) {
        int k = Sgemm.VECTOR ? VectorKernels.add(y, e, at, len) : at;
        for (; k < at + len; k++) y[k] += e[k];
    }

    /** A 16 x 16 block for the last, partial block of columns of {@link #fromChannelsLast}. */
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[256]);

    /** As above, for a channels-last copy {@code rows x cols x op} of any layout. */
    static void fromChannelsLast(float[] yt, int ytOff, int op, int cols, int o, int oh, int ow, float[] b, boolean relu,
                                 float[] y, int yOff, int oy0, int oy1) {
        boolean vector = Sgemm.VECTOR && VectorTranspose.USABLE;
        int full = ow / 16 * 16;
        float[] tail = vector && full < ow ? TAIL.get() : null;
        for (int oy = oy0; oy < oy1 && vector; oy++) {
            for (int c0 = 0; c0 < o; c0 += 16) {
                int chans = Math.min(16, o - c0);
                for (int x0 = 0; x0 < full; x0 += 16) {
                    VectorTranspose.block16(yt, ytOff + (oy * cols + x0) * op + c0, op, 16, y, yOff + (c0 * oh + oy) * ow + x0, oh * ow,
                            chans, true, b, c0, relu);
                }
                if (tail == null) continue;
                // the last columns: transposed into a block of its own, then each channel's part copied
                VectorTranspose.block16(yt, ytOff + (oy * cols + full) * op + c0, op, ow - full, tail, 0, 16, chans, true, b, c0, relu);
                for (int i = 0; i < chans; i++) System.arraycopy(tail, i * 16, y, yOff + ((c0 + i) * oh + oy) * ow + full, ow - full);
            }
        }
        for (int co = 0; co < o && !vector; co++) {
            float bias = b == null ? 0f : b[co];
            for (int oy = oy0; oy < oy1; oy++) {
                int s = ytOff + oy * cols * op + co, d = yOff + (co * oh + oy) * ow;
                for (int ox = 0; ox < ow; ox++) {
                    float v = yt[s + ox * op] + bias;
                    y[d + ox] = relu ? Math.max(v, 0f) : v;
                }
            }
        }
    }

    // ---------------------------------------------------------------- the transforms

    /**
     * {@code U = G g G^T} for output channels {@code [o0, o1)} of {@code g}, with
     * {@code G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]]}, into {@code U[xi][ci][co]}. With
     * {@code turned}, {@code w} holds the filters of the layer whose backward-data {@code g} is
     * ({@code [g.in][g.out][3][3]}), read turned 180 degrees with their channel axes swapped.
     */
    static void filterTransform(ConvGeometry g, float[] w, boolean turned, float[] u, int o0, int o1) {
        int c = g.inChannels(), o = g.outChannels(), su = uStride(g), op = padChannels(o);
        if (o1 == o && op > o) {
            // the part that ends the filters clears the padding columns the products read
            for (int xi = 0; xi < 16; xi++) for (int ci = 0; ci < c; ci++) {
                int d = xi * su + ci * op;
                Arrays.fill(u, d + o, d + op, 0f);
            }
        }
        if (Sgemm.VECTOR) o0 = VectorWinograd.filters(g, w, turned, u, o0, o1, Parallel.workspace());
        // blocks of 16 filters: each step of ci then reads 16 filter rows in order and writes one
        // cache line of each of the 16 matrices
        for (int cb = o0; cb < o1; cb += 16) {
            int ce = Math.min(o1, cb + 16);
            for (int ci = 0; ci < c; ci++) for (int co = cb; co < ce; co++) {
                int src = turned ? (ci * o + co) * 9 : (co * c + ci) * 9;
                float g00, g01, g02, g10, g11, g12, g20, g21, g22;
                if (turned) {
                    g00 = w[src + 8]; g01 = w[src + 7]; g02 = w[src + 6];
                    g10 = w[src + 5]; g11 = w[src + 4]; g12 = w[src + 3];
                    g20 = w[src + 2]; g21 = w[src + 1]; g22 = w[src];
                } else {
                    g00 = w[src]; g01 = w[src + 1]; g02 = w[src + 2];
                    g10 = w[src + 3]; g11 = w[src + 4]; g12 = w[src + 5];
                    g20 = w[src + 6]; g21 = w[src + 7]; g22 = w[src + 8];
                }
                // rows of G g (4 x 3), then each times G^T
                float a10 = 0.5f * (g00 + g10 + g20), a11 = 0.5f * (g01 + g11 + g21), a12 = 0.5f * (g02 + g12 + g22);
                float a20 = 0.5f * (g00 - g10 + g20), a21 = 0.5f * (g01 - g11 + g21), a22 = 0.5f * (g02 - g12 + g22);
                int d = ci * op + co;
                row4(u, d, su, 0, g00, g01, g02);
                row4(u, d, su, 4, a10, a11, a12);
                row4(u, d, su, 8, a20, a21, a22);
                row4(u, d, su, 12, g20, g21, g22);
            }
        }
    }

    private static void row4(float[] u, int d, int su, int xi0, float r0, float r1, float r2) {
        u[d + xi0 * su] = r0;
        u[d + (xi0 + 1) * su] = 0.5f * (r0 + r1 + r2);
        u[d + (xi0 + 2) * su] = 0.5f * (r0 - r1 + r2);
        u[d + (xi0 + 3) * su] = r2;
    }

    /**
     * {@code V = B^T d B} for blocks {@code [b0, b1)} and every (padded) channel, with
     * {@code B^T = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]]}: additions only.
     */
    static void inputTransform(Tiling t, float[] xt, float[] v, int b0, int b1) {
        if (Sgemm.VECTOR) {
            VectorWinograd.input(t, xt, v, b0, b1);
            return;
        }
        int cs = t.cp, rs = t.dh * t.inCols * cs, ks = t.dw * cs, sv = t.sv;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.inCols + t.col[blk]) * cs, r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                float d00 = xt[r0 + ch], d01 = xt[r0 + ks + ch], d02 = xt[r0 + 2 * ks + ch], d03 = xt[r0 + 3 * ks + ch];
                float d10 = xt[r1 + ch], d11 = xt[r1 + ks + ch], d12 = xt[r1 + 2 * ks + ch], d13 = xt[r1 + 3 * ks + ch];
                float d20 = xt[r2 + ch], d21 = xt[r2 + ks + ch], d22 = xt[r2 + 2 * ks + ch], d23 = xt[r2 + 3 * ks + ch];
                float d30 = xt[r3 + ch], d31 = xt[r3 + ks + ch], d32 = xt[r3 + 2 * ks + ch], d33 = xt[r3 + 3 * ks + ch];
                // B^T d, then each row times B
                float e00 = d00 - d20, e01 = d01 - d21, e02 = d02 - d22, e03 = d03 - d23;
                float e10 = d10 + d20, e11 = d11 + d21, e12 = d12 + d22, e13 = d13 + d23;
                float e20 = d20 - d10, e21 = d21 - d11, e22 = d22 - d12, e23 = d23 - d13;
                float e30 = d10 - d30, e31 = d11 - d31, e32 = d12 - d32, e33 = d13 - d33;
                int q = o + ch;
                col4(v, q, sv, 0, e00, e01, e02, e03);
                col4(v, q, sv, 4, e10, e11, e12, e13);
                col4(v, q, sv, 8, e20, e21, e22, e23);
                col4(v, q, sv, 12, e30, e31, e32, e33);
            }
        }
    }

    private static void col4(float[] v, int q, int sv, int xi0, float e0, float e1, float e2, float e3) {
        v[q + xi0 * sv] = e0 - e2;
        v[q + (xi0 + 1) * sv] = e1 + e2;
        v[q + (xi0 + 2) * sv] = e2 - e1;
        v[q + (xi0 + 3) * sv] = e1 - e3;
    }

    /**
     * {@code A^T M A} for blocks {@code [b0, b1)} into the channels-last output (bias and ReLU come
     * when it is copied out), with {@code A^T = [[1,1,1,0],[0,1,-1,-1]]}; a block's outputs beyond
     * the map land in the copy's margin.
     */
    static void outputTransform(Tiling t, float[] m, float[] yt, int b0, int b1) {
        if (Sgemm.VECTOR) {
            VectorWinograd.output(t, m, yt, b0, b1);
            return;
        }
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, r1 = r0 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                int s = o + ch;
                float m0 = m[s], m1 = m[s + sm], m2 = m[s + 2 * sm], m3 = m[s + 3 * sm];
                float m4 = m[s + 4 * sm], m5 = m[s + 5 * sm], m6 = m[s + 6 * sm], m7 = m[s + 7 * sm];
                float m8 = m[s + 8 * sm], m9 = m[s + 9 * sm], m10 = m[s + 10 * sm], m11 = m[s + 11 * sm];
                float m12 = m[s + 12 * sm], m13 = m[s + 13 * sm], m14 = m[s + 14 * sm], m15 = m[s + 15 * sm];
                // A^T M (2 x 4), then times A
                float t0 = m0 + m4 + m8, t1 = m1 + m5 + m9, t2 = m2 + m6 + m10, t3 = m3 + m7 + m11;
                float u0 = m4 - m8 - m12, u1 = m5 - m9 - m13, u2 = m6 - m10 - m14, u3 = m7 - m11 - m15;
                yt[r0 + ch] = t0 + t1 + t2;
                yt[r0 + ks + ch] = t1 - t2 - t3;
                yt[r1 + ch] = u0 + u1 + u2;
                yt[r1 + ks + ch] = u1 - u2 - u3;
            }
        }
    }

    /**
     * {@code dM = A dY A^T} for blocks {@code [b0, b1)}, from dL/dO channels-last (zero beyond the
     * map): the transpose of the output transform.
     */
    static void outputGradientTransform(Tiling t, float[] dyt, float[] dm, int b0, int b1) {
        if (Sgemm.VECTOR) {
            VectorWinograd.outputGradient(t, dyt, dm, b0, b1);
            return;
        }
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, r1 = r0 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch++) {
                float q00 = dyt[r0 + ch], q01 = dyt[r0 + ks + ch], q10 = dyt[r1 + ch], q11 = dyt[r1 + ks + ch];
                // A = [[1,0],[1,1],[1,-1],[0,-1]]: rows of A dY, then each times A^T
                float s0 = q00 + q10, s1 = q01 + q11, f0 = q00 - q10, f1 = q01 - q11;
                int s = o + ch;
                gradRow(dm, s, sm, 0, q00, q01);
                gradRow(dm, s, sm, 4, s0, s1);
                gradRow(dm, s, sm, 8, f0, f1);
                gradRow(dm, s, sm, 12, -q10, -q11);
            }
        }
    }

    private static void gradRow(float[] dm, int s, int sm, int xi0, float r0, float r1) {
        dm[s + xi0 * sm] = r0;
        dm[s + (xi0 + 1) * sm] = r0 + r1;
        dm[s + (xi0 + 2) * sm] = r0 - r1;
        dm[s + (xi0 + 3) * sm] = -r1;
    }

    /**
     * {@code dw += G^T dU G} for output channels {@code [o0, o1)}, with
     * {@code G^T = [[1,1/2,1/2,0],[0,1/2,-1/2,0],[0,1/2,1/2,1]]}.
     */
    static void filterGradientTransform(ConvGeometry g, float[] du, int duOff, float[] dw, int dwOff, int o0, int o1) {
        int c = g.inChannels(), o = g.outChannels(), su = uStride(g), op = padChannels(o);
        for (int cb = o0; cb < o1; cb += 16) {
            int ce = Math.min(o1, cb + 16);
            for (int ci = 0; ci < c; ci++) for (int co = cb; co < ce; co++) {
                int s = duOff + ci * op + co;
                float u00 = du[s], u01 = du[s + su], u02 = du[s + 2 * su], u03 = du[s + 3 * su];
                float u10 = du[s + 4 * su], u11 = du[s + 5 * su], u12 = du[s + 6 * su], u13 = du[s + 7 * su];
                float u20 = du[s + 8 * su], u21 = du[s + 9 * su], u22 = du[s + 10 * su], u23 = du[s + 11 * su];
                float u30 = du[s + 12 * su], u31 = du[s + 13 * su], u32 = du[s + 14 * su], u33 = du[s + 15 * su];
                // rows of G^T dU (3 x 4), then each times G
                float a0 = u00 + 0.5f * (u10 + u20), a1 = u01 + 0.5f * (u11 + u21);
                float a2 = u02 + 0.5f * (u12 + u22), a3 = u03 + 0.5f * (u13 + u23);
                float b0 = 0.5f * (u10 - u20), b1 = 0.5f * (u11 - u21), b2 = 0.5f * (u12 - u22), b3 = 0.5f * (u13 - u23);
                float c0 = 0.5f * (u10 + u20) + u30, c1 = 0.5f * (u11 + u21) + u31;
                float c2 = 0.5f * (u12 + u22) + u32, c3 = 0.5f * (u13 + u23) + u33;
                int d = dwOff + (co * c + ci) * 9;
                dw[d] += a0 + 0.5f * (a1 + a2);
                dw[d + 1] += 0.5f * (a1 - a2);
                dw[d + 2] += 0.5f * (a1 + a2) + a3;
                dw[d + 3] += b0 + 0.5f * (b1 + b2);
                dw[d + 4] += 0.5f * (b1 - b2);
                dw[d + 5] += 0.5f * (b1 + b2) + b3;
                dw[d + 6] += c0 + 0.5f * (c1 + c2);
                dw[d + 7] += 0.5f * (c1 - c2);
                dw[d + 8] += 0.5f * (c1 + c2) + c3;
            }
        }
    }
}
