package org.convkit.ops;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inference pass of a layer with few input channels (a spectrogram's or an image's first
 * layer: res15's conv0 has one channel and nine taps) into either layout, with a batch
 * normalisation of its input and an addend to its output fused as {@link Conv2dKernel#forwardBatchFused}
 * describes. Each output cell's channels are summed as vectors, a tap at a time: the input value
 * broadcast times the tap's row of filter values, by fused multiply-adds from zero in the order
 * of the im2col matrix's rows (input channel, then filter row, then column), the order and
 * operations in which the im2col product sums each output, so the bits are those of the layer's
 * unfused pass.
 *
 * <p>Written channels-last, res15's conv0 hands its map to the Winograd layers after it with no
 * transposes: conv1 then reads it as it is, and conv2 adds it to its output as it writes.
 */
final class FewChannelsConv {
    /** The most taps ({@code inChannels * kernelH * kernelW}) a layer here may have: 3x3 on three channels. */
    static final int MAX_TAPS = 27;
    /** Workspace slots: the calling thread's padded input and filter rows, each thread's row of sums. */
    private static final int PADDED = 14, ROWS = 15, SUMS = 16;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.fewChannels", "true"));

    private FewChannelsConv() {
    }

    /** Whether {@code g}'s inference passes in a channels-last layout run here. */
    static boolean handles(ConvGeometry g) {
        return ON && Sgemm.VECTOR && g.groups() == 1 && g.inChannels() * g.kernelH() * g.kernelW() <= MAX_TAPS;
    }

    /**
     * {@code n} examples: {@code y = max?(conv(norm(x), w) + b, 0) (+ addend)}, maps as {@code layout}
     * says (see {@link Conv2dKernel#INPUT_CHANNELS_LAST}); each example's rows split over the
     * threads when called from outside the pool.
     */
    static void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, float[] b, float[] y, boolean relu,
                             ChannelNorm norm, float[] addend, int layout) {
        ConvIo io = ConvIo.of(norm, addend, layout);
        int c = g.inChannels(), taps = g.filterSize(), o = g.outChannels();
        int op = WinogradConv2dKernel.padChannels(o), hp = g.inH() + g.padTop() + g.padBottom();
        int wp = g.inW() + g.padLeft() + g.padRight();
        Workspace ws = Parallel.workspace();
        // the filters as rows per tap (the im2col row order), each padded with zeros to op channels
        float[] rows = ws.get(ROWS, taps * op);
        for (int k = 0; k < taps; k++) {
            for (int co = 0; co < o; co++) rows[k * op + co] = w[co * taps + k];
            Arrays.fill(rows, k * op + o, (k + 1) * op, 0f);
        }
        int[] at = tapOffsets(g);
        float[] padded = ws.get(PADDED, c * hp * wp);
        Arrays.fill(padded, 0, c * hp * wp, 0f);
        boolean split = WinogradConv2dKernel.splits();
        for (int i = 0; i < n; i++) {
            pad(g, io, x, i * g.inSize(), padded);
            int yOff = i * g.outSize();
            WinogradConv2dKernel.stage(split, g.outH(), (r0, r1) -> {
                float[] sums = Parallel.workspace().get(SUMS, g.outW() * op);
                for (int oy = r0; oy < r1; oy++) {
                    VectorKernels.tapSums(padded, oy * g.strideH() * wp, g.strideW(), at, taps, rows, op, g.outW(), sums);
                    write(g, io, sums, op, b, relu, y, yOff, oy);
                }
            });
        }
    }

    /** Per geometry, {@link #tapOffsets}. */
    private static final ConcurrentHashMap<ConvGeometry, int[]> TAP_OFFSETS = new ConcurrentHashMap<>();

    /**
     * Where each tap of {@code g} reads in the zero-padded channels-first input ({@link #pad}),
     * from its output's window's top left corner, in the order of the im2col matrix's rows (input
     * channel, filter row, column); made once per geometry.
     */
    static int[] tapOffsets(ConvGeometry g) {
        int[] at = TAP_OFFSETS.get(g);
        if (at != null) return at;
        int hp = g.inH() + g.padTop() + g.padBottom(), wp = g.inW() + g.padLeft() + g.padRight();
        at = new int[g.filterSize()];
        for (int ci = 0, k = 0; ci < g.inChannels(); ci++) {
            for (int ky = 0; ky < g.kernelH(); ky++) {
                for (int kx = 0; kx < g.kernelW(); kx++, k++) at[k] = (ci * hp + ky * g.dilationH()) * wp + kx * g.dilationW();
            }
        }
        if (TAP_OFFSETS.size() < 256) TAP_OFFSETS.put(g, at);
        return at;
    }

    /**
     * The example at {@code x[xOff ..]} (laid out as {@code io} says) into the zero-padded
     * channels-first copy {@code padded} (its margins already zero, {@code inH + padTop + padBottom}
     * rows of {@code inW + padLeft + padRight} a channel), normalised as {@link ChannelNorm#apply}
     * normalises a channels-first map.
     */
    static void pad(ConvGeometry g, ConvIo io, float[] x, int xOff, float[] padded) {
        int c = g.inChannels(), h = g.inH(), w = g.inW();
        int hp = h + g.padTop() + g.padBottom(), wp = w + g.padLeft() + g.padRight();
        for (int ci = 0; ci < c; ci++) {
            for (int iy = 0; iy < h; iy++) {
                int d = (ci * hp + iy + g.padTop()) * wp + g.padLeft();
                if (io.inLast) {
                    for (int ix = 0, s = xOff + iy * w * c + ci; ix < w; ix++, s += c) padded[d + ix] = x[s];
                } else {
                    System.arraycopy(x, xOff + (ci * h + iy) * w, padded, d, w);
                }
                if (io.norm != null) io.norm.apply(padded, padded, d, d + w, ci);
            }
        }
    }

    /** Output row {@code oy} from its sums ({@code op} floats a cell): {@code max?(sum + b, 0) (+ addend)}. */
    private static void write(ConvGeometry g, ConvIo io, float[] sums, int op, float[] b, boolean relu, float[] y, int yOff,
                              int oy) {
        int o = g.outChannels(), ow = g.outW(), plane = g.outH() * ow;
        if (io.outLast && (io.addend == null || io.addendLast)) {
            ConvIo.outputCells(sums, 0, op, y, yOff + oy * ow * o, o, o, ow, b, relu, io.addend);
            return;
        }
        for (int ox = 0; ox < ow; ox++) {
            for (int co = 0; co < o; co++) {
                float v = sums[ox * op + co] + (b == null ? 0f : b[co]);
                if (relu) v = Math.max(v, 0f);
                int last = yOff + (oy * ow + ox) * o + co, first = yOff + co * plane + oy * ow + ox;
                if (io.addend != null) v += io.addend[io.addendLast ? last : first];
                y[io.outLast ? last : first] = v;
            }
        }
    }
}
