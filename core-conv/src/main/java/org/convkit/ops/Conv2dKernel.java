package org.convkit.ops;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The one small interface behind which convolution kernels live. Each call handles one example;
 * offsets locate the example inside batch buffers that the caller owns. Implementations must
 * not allocate in these calls except to grow the given {@link Workspace} the first time.
 *
 * <p>Weights are laid out {@code [outChannels][inChannels/groups][kernelH][kernelW]}.
 */
public interface Conv2dKernel {

    /** {@code y = conv(x, w) + b}; {@code b} may be null (no bias). Overwrites {@code y}. */
    void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws);

    /**
     * {@code y = max(conv(x, w) + b, 0)}: the forward pass with ReLU applied as the result is
     * written (NaN stays NaN, as {@link Math#max} does). The default runs {@link #forward} and then
     * a pass over {@code y}.
     */
    default void forwardRelu(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, ws);
        for (int i = yOff, end = yOff + g.outSize(); i < end; i++) y[i] = Math.max(y[i], 0f);
    }

    /**
     * dL/dX: the full convolution of dL/dO (zero-padded, dilated by the stride) with the filters
     * turned 180 degrees. Overwrites {@code dx}.
     */
    void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws);

    /**
     * dL/dF: the input correlated with dL/dO; adds into {@code dw} (and into {@code db} the
     * per-channel sums of dL/dO when {@code db} is not null).
     */
    void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                         float[] db, int dbOff, Workspace ws);

    /**
     * The forward pass of {@code n} examples stored one after another in {@code x} and {@code y}
     * ({@code max(., 0)} applied when {@code relu}). The default runs {@link #forward} (or
     * {@link #forwardRelu}) for each example on the {@link Parallel} pool; a kernel with work that
     * all examples share (transformed filters, say) does it once here. {@code scratch} gives a
     * buffer of at least the asked size that the caller keeps between calls.
     */
    default void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, float[] b, float[] y, boolean relu,
                              IntFunction<float[]> scratch) {
        int is = g.inSize(), os = g.outSize();
        if (relu) Parallel.forEach(n, i -> forwardRelu(g, x, i * is, w, b, y, i * os, Parallel.workspace()));
        else Parallel.forEach(n, i -> forward(g, x, i * is, w, b, y, i * os, Parallel.workspace()));
    }

    /**
     * As {@link #forwardBatch(ConvGeometry, int, float[], float[], float[], float[], boolean, IntFunction)},
     * for inference: a kernel that transforms the filters may keep the transform in {@code cache}
     * and use it again while {@code version} (the weights' state, which the caller changes
     * whenever the weights change) is the same. The default ignores the cache.
     */
    default void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version, float[] b,
                              float[] y, boolean relu, IntFunction<float[]> scratch) {
        forwardBatch(g, n, x, w, b, y, relu, scratch);
    }

    /** A layout flag of {@link #forwardBatchFused}: the input maps are stored channels-last, {@code [h][w][c]} per example. */
    int INPUT_CHANNELS_LAST = 1;
    /** A layout flag of {@link #forwardBatchFused}: the output maps are stored channels-last. */
    int OUTPUT_CHANNELS_LAST = 2;
    /** A layout flag of {@link #forwardBatchFused}: the addend is stored channels-last. */
    int ADDEND_CHANNELS_LAST = 4;

    /**
     * As {@link #forwardBatch(ConvGeometry, int, float[], float[], FilterCache, long, float[], float[], boolean, IntFunction)}
     * on the input normalised by {@code norm} (batch normalisation's inference formula per input
     * channel; null for none), then {@code y += addend} (a map of {@code y}'s size; null for
     * none), with the same bits as the three steps apart, and with the input, output and addend
     * each stored channels-first or channels-last as {@code layout}'s flags say. A kernel that
     * copies its input and output into layouts of its own applies them in the copies, so neither
     * the normalised input nor the sum before the addition is ever written, and maps passed from
     * one such layer to the next skip the transposes. Returns false, having done nothing, where
     * this kernel does not fuse them for {@code g} and {@code n}; the default never does.
     */
    default boolean forwardBatchFused(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version,
                                      float[] b, float[] y, boolean relu, ChannelNorm norm, float[] addend, int layout,
                                      IntFunction<float[]> scratch) {
        return false;
    }

    /**
     * Whether {@link #forwardBatchFused} runs {@code g} for batches of one to three examples,
     * whatever the layouts (for planning which maps a model keeps channels-last).
     */
    default boolean fusesSmallBatches(ConvGeometry g) {
        return false;
    }

    /**
     * The backward pass of {@code n} examples: overwrites {@code dx} (skipped when null) and adds
     * the batch's gradients into {@code dw} and {@code db} (may be null). The default sums weight
     * gradients per fixed chunk of the batch ({@link Parallel#CHUNKS}), chunks on the pool, and then
     * the chunks in order, so the bits do not depend on the thread count.
     */
    default void backwardBatch(ConvGeometry g, int n, float[] x, float[] dy, float[] w, float[] dx, float[] dw, float[] db,
                               IntFunction<float[]> scratch) {
        int is = g.inSize(), os = g.outSize();
        int chunks = Math.min(Parallel.CHUNKS, n), ws = g.weightSize(), bs = g.outChannels();
        // one buffer: dW of chunk c at c*ws, db of chunk c after all of them
        float[] cdw = scratch.apply(chunks * (ws + bs));
        int dbBase = chunks * ws;
        Parallel.forEach(chunks, c -> {
            int from = Parallel.chunkStart(n, chunks, c), to = Parallel.chunkStart(n, chunks, c + 1);
            Workspace work = Parallel.workspace();
            Arrays.fill(cdw, c * ws, (c + 1) * ws, 0f);
            if (db != null) Arrays.fill(cdw, dbBase + c * bs, dbBase + (c + 1) * bs, 0f);
            for (int i = from; i < to; i++) {
                if (dx != null) backwardData(g, dy, i * os, w, dx, i * is, work);
                backwardWeights(g, x, i * is, dy, i * os, cdw, c * ws, db == null ? null : cdw, dbBase + c * bs, work);
            }
        });
        for (int c = 0; c < chunks; c++) for (int k = 0; k < ws; k++) dw[k] += cdw[c * ws + k];
        if (db != null) {
            for (int c = 0; c < chunks; c++) for (int k = 0; k < bs; k++) db[k] += cdw[dbBase + c * bs + k];
        }
    }
}
