package org.convkit.ops;

/**
 * How a Winograd forward pass reads its input and writes its output: each map channels-first
 * ({@code [c][h][w]}, the models' layout) or channels-last ({@code [h][w][c]}, see
 * {@link Conv2dKernel#INPUT_CHANNELS_LAST}), with a batch normalisation applied to the input as it
 * is copied in and an addend added to the output as it is copied out (see
 * {@link Conv2dKernel#forwardBatchFused}). The kernels' own zero-padded channels-last copies
 * ({@code cs} floats a cell) are what the transforms read and write; a channels-last map moves
 * to and from them cell by cell, with no transpose.
 */
final class ConvIo {
    /** Channels-first in and out, nothing fused. */
    static final ConvIo PLAIN = new ConvIo(null, null, 0);

    /** The maps as {@code layout} says, with {@code norm} and {@code addend} (null: none); {@link #PLAIN} when nothing is asked. */
    static ConvIo of(ChannelNorm norm, float[] addend, int layout) {
        return norm == null && addend == null && layout == 0 ? PLAIN : new ConvIo(norm, addend, layout);
    }

    final ChannelNorm norm;
    final float[] addend;
    final boolean inLast, outLast, addendLast;

    private ConvIo(ChannelNorm norm, float[] addend, int layout) {
        this.norm = norm;
        this.addend = addend;
        inLast = (layout & Conv2dKernel.INPUT_CHANNELS_LAST) != 0;
        outLast = (layout & Conv2dKernel.OUTPUT_CHANNELS_LAST) != 0;
        addendLast = addend != null && (layout & Conv2dKernel.ADDEND_CHANNELS_LAST) != 0;
        if (addendLast && !outLast) {
            throw new IllegalArgumentException("a channels-last addend needs a channels-last output (layout " + layout + ")");
        }
    }

    /**
     * Rows {@code [r0, r1)} of tiling {@code t}'s padded input copy {@code xt} from example
     * {@code x[xOff ..]} of {@code g}; {@code clean}: the copy's margins already hold zeros.
     */
    void in(ConvGeometry g, WinogradConv2dKernel.Tiling t, float[] x, int xOff, float[] xt, int r0, int r1, boolean clean) {
        if (inLast) {
            fromCompact(x, xOff, g.inChannels(), g.inH(), g.inW(), xt, t.inCols, t.cp, g.padTop(), g.padLeft(), r0, r1, norm,
                    clean);
        } else {
            WinogradConv2dKernel.toChannelsLast(x, xOff, g.inChannels(), g.inH(), g.inW(), xt, t.inRows, t.inCols, t.cp,
                    g.padTop(), g.padLeft(), r0, r1, norm, clean);
        }
    }

    /**
     * Output rows {@code [oy0, oy1)} of {@code y[yOff ..]} from the channels-last output copy
     * {@code yt}: bias, ReLU, then the addend unless {@link #addsAfter} says it comes later.
     */
    void out(ConvGeometry g, WinogradConv2dKernel.Tiling t, float[] yt, float[] b, boolean relu, float[] y, int yOff,
             int oy0, int oy1, boolean rowsShared) {
        int o = g.outChannels(), oh = g.outH(), ow = g.outW();
        if (outLast) {
            toCompact(yt, t.op, t.outCols, o, ow, b, relu, y, yOff, oy0, oy1, addendLast ? addend : null);
        } else {
            WinogradConv2dKernel.fromChannelsLast(yt, 0, t.op, t.outCols, o, oh, ow, b, relu, y, yOff, oy0, oy1);
            if (addend != null && !rowsShared) WinogradConv2dKernel.addRows(y, addend, yOff, o, oh, ow, oy0, oy1);
        }
    }

    /**
     * Whether the addend is added by {@link #addAfter} once the whole output is written: a
     * channels-first addend to a channels-last output, or a channels-first output whose rows the
     * threads took by classes ({@code rowsShared}).
     */
    boolean addsAfter(boolean rowsShared) {
        return addend != null && (outLast ? !addendLast : rowsShared);
    }

    /**
     * The addend into the written output {@code y[yOff ..]} (see {@link #addsAfter}), part
     * {@code [k0, k1)} of {@link #afterParts}: channels of a channels-first output, cells of a
     * channels-last one (split by channels, both threads wrote into every cell's cache lines, and
     * res15's conv2 took 1.4 ms instead of 0.45).
     */
    void addAfter(ConvGeometry g, float[] y, int yOff, int k0, int k1) {
        int plane = g.outH() * g.outW(), o = g.outChannels();
        if (!outLast) {
            WinogradConv2dKernel.addRun(y, addend, yOff + k0 * plane, (k1 - k0) * plane);
            return;
        }
        // a channels-first map into a channels-last one: 16 channels by 16 cells at a time through
        // the register transpose, or channel by channel, each channel read as one stream
        int p = k0;
        if (Sgemm.VECTOR && VectorTranspose.USABLE) {
            float[] block = BLOCK.get();
            for (; p + 16 <= k1; p += 16) {
                for (int c0 = 0; c0 < o; c0 += 16) {
                    int rows = Math.min(16, o - c0);
                    VectorTranspose.block16(addend, yOff + c0 * plane + p, plane, rows, block, 0, 16, 16, false, null, 0, false);
                    VectorKernels.addCells(y, yOff + p * o + c0, o, block, rows, 16);
                }
            }
        }
        for (int c = 0; c < o; c++) {
            int e = yOff + c * plane;
            for (int q = p, d = yOff + p * o + c; q < k1; q++, d += o) y[d] += addend[e + q];
        }
    }

    /** 16 cells of 16 channels for {@link #addAfter}. */
    private static final ThreadLocal<float[]> BLOCK = ThreadLocal.withInitial(() -> new float[256]);

    /** How many parts {@link #addAfter} splits into: channels or cells. */
    int afterParts(ConvGeometry g) {
        return outLast ? g.outH() * g.outW() : g.outChannels();
    }

    /**
     * Rows {@code [r0, r1)} of a zero-padded copy ({@code cols} cells of {@code cs} floats a row)
     * of the channels-last map {@code src[off ..]} ({@code h x w} cells of {@code channels}),
     * cell {@code (iy, ix)} at {@code (iy + top, ix + left)}; a cell's padding channels are zero.
     */
    static void fromCompact(float[] src, int off, int channels, int h, int w, float[] dst, int cols, int cs, int top,
                            int left, int r0, int r1, ChannelNorm norm, boolean clean) {
        int xlim = Math.max(0, Math.min(w, cols - left));
        int y0 = Math.max(r0, top), y1 = Math.min(r1, top + h);
        if (!clean) WinogradConv2dKernel.clearMargins(dst, cols, cs, left, xlim, y0, y1, r0, r1);
        for (int r = y0; r < y1; r++) {
            int s = off + (r - top) * w * channels, d = (r * cols + left) * cs;
            copyCells(src, s, channels, channels, dst, d, cs, xlim);
            if (norm != null) norm.applyChannelsLast(dst, d, xlim, cs);
        }
    }

    /**
     * {@code count} cells of {@code channels} floats, {@code step} apart from {@code src[s]}, into
     * consecutive cells of {@code cs} from {@code dst[d]}, each cell's padding channels zero
     * ({@link VectorKernels#copyCells} where it runs).
     */
    static void copyCells(float[] src, int s, int step, int channels, float[] dst, int d, int cs, int count) {
        if (Sgemm.VECTOR && VectorKernels.copyCells(src, s, step, channels, dst, d, cs, count)) return;
        for (int j = 0; j < count; j++) {
            System.arraycopy(src, s + j * step, dst, d + j * cs, channels);
            java.util.Arrays.fill(dst, d + j * cs + channels, d + (j + 1) * cs, 0f);
        }
    }

    /**
     * Output rows {@code [oy0, oy1)} of the channels-last map {@code y[yOff ..]} ({@code ow} cells
     * of {@code o} a row) from the output copy {@code yt} ({@code cols} cells of {@code op} a row):
     * {@code max?(yt + b, 0) (+ addend)}, value by value the operations of the channels-first copy.
     */
    static void toCompact(float[] yt, int op, int cols, int o, int ow, float[] b, boolean relu, float[] y, int yOff,
                          int oy0, int oy1, float[] addend) {
        for (int oy = oy0; oy < oy1; oy++) outputCells(yt, oy * cols * op, op, y, yOff + oy * ow * o, o, o, ow, b, relu, addend);
    }

    /**
     * {@code count} cells of {@code op} floats from {@code yt[s ..]} into cells of {@code o}
     * written {@code step} apart from {@code y[d]}: {@code max?(v + b, 0) (+ addend)}, the addend
     * read where the value is written ({@link VectorKernels#outputCells} where it runs).
     */
    static void outputCells(float[] yt, int s, int op, float[] y, int d, int step, int o, int count, float[] b, boolean relu,
                            float[] addend) {
        if (Sgemm.VECTOR && VectorKernels.outputCells(yt, s, op, y, d, step, o, count, b, relu, addend)) return;
        for (int j = 0; j < count; j++) {
            for (int c = 0; c < o; c++) {
                float v = yt[s + j * op + c] + (b == null ? 0f : b[c]);
                if (relu) v = Math.max(v, 0f);
                int k = d + j * step + c;
                y[k] = addend == null ? v : v + addend[k];
            }
        }
    }
}
