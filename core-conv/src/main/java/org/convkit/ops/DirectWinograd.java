package org.convkit.ops;

import java.util.Arrays;

/**
 * One example's forward pass in {@link Winograd4x4Forward}'s blocks (4x4, 4x3 or 4x5 outputs)
 * into a channels-last map with no output copy: after the products, each block's outputs go from
 * a small tile into the map with bias, ReLU and addend. On layers of large dilation whose input
 * is channels-last too ({@link #gathers}), there is no input copy either: each block's input patch
 * is gathered into a small tile, the batch normalisation applied to the cells inside the map and
 * zeros for those outside. Elsewhere the input goes through the staged path's zero-padded copy.
 *
 * <p>The staged path copies the whole input into a zero-padded channels-last copy and the whole
 * output into another, which it then copies out. For res15's dilated layers those copies are 1.1
 * to 2.4 MB against a 727 KB map, mostly margins, and with the filters and the two maps they left
 * a layer's data larger than a core's 2 MB L2: on one thread a batch-1 pass took 14.2 ms, its
 * layers measured one at a time about 9.6. Measured on res15's batch-1 pass, two threads,
 * alternating runs: 5.60-6.10 ms (mean 5.82) against 5.84-6.60 (mean 6.17) without this class.
 *
 * <p>Each value goes through the operations of the staged path in the same order (the copies'
 * {@link ConvIo#copyCells}, {@link ChannelNorm#applyChannelsLast} and
 * {@link ConvIo#outputCells}, the same block transforms and products), so the bits are the
 * same. Only the vector path runs here.
 */
final class DirectWinograd {
    /** Workspace slots of the per-block tiles (the staged path's copies use others). */
    private static final int PATCH = 12, OUT = 13;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.winograd.direct", "true"));

    private DirectWinograd() {
    }

    /**
     * Whether one example of {@code io} runs here: a channels-last output, any addend
     * channels-last too, and the Vector API on.
     */
    static boolean applies(ConvIo io) {
        return ON && Sgemm.VECTOR && io.outLast && (io.addend == null || io.addendLast);
    }

    /**
     * The smallest row dilation whose patches are gathered. A cell is normalised once per patch
     * that covers it, 2.25 times for 4x4 blocks, and the normalisation (in doubles, as
     * {@link ChannelNorm} defines it) is most of a gather's cost; large dilations gain more from
     * dropping the copy. One res15 layer on one thread, its input through the padded copy against
     * gathered (microseconds, both writing the output directly): dilation 1 674-745 against
     * 718-760, 2 769-787 against 801, 4 785-798 against 781-812, 8 832-942 against 759-790,
     * 16 1219-1255 against 1019-1036.
     */
    static final int MIN_DILATION = 8;

    /**
     * Whether, where {@link #applies} holds, the input patches are gathered from the map: a
     * channels-last input and a row dilation of at least {@link #MIN_DILATION}.
     */
    static boolean gathers(ConvIo io, WinogradConv2dKernel.Tiling t) {
        return applies(io) && io.inLast && t.dh >= MIN_DILATION;
    }

    /**
     * {@code y[yOff ..] = max?(conv(norm(x[xOff ..]), w) + b, 0) (+ addend)} in the blocks of
     * {@code t}, with the transformed filters {@code u} ({@code su} apart, {@code packed} as
     * {@link WinogradConv2dKernel#products} takes them), split over the threads: by classes of
     * rows where the row dilation allows ({@link WinogradConv2dKernel.RowClasses}), so each thread
     * reads and writes only rows of its own, otherwise chunk by chunk. {@code xt}: the staged
     * path's padded input copy (margins zero), which the threads fill first; null to gather.
     */
    static void example(ConvGeometry g, WinogradConv2dKernel.Tiling t, float[] x, int xOff, float[] xt, float[] u, int su,
                        boolean packed, float[] b, float[] y, int yOff, boolean relu, ConvIo io) {
        if (WinogradConv2dKernel.CLASSES_ON && t.dh >= Parallel.threads() && Parallel.threads() > 1) {
            WinogradConv2dKernel.RowClasses classes = t.classes(Math.min(Parallel.threads(), t.dh));
            Parallel.forEach(classes.chunks.length, q -> {
                if (xt != null) classes.eachRun(q, t.inRows, (r0, r1) -> io.in(g, t, x, xOff, xt, r0, r1, true));
                for (WinogradConv2dKernel.Tiling s : classes.chunks[q]) chunk(g, s, x, xOff, xt, u, su, packed, b, y, yOff, relu, io);
            });
        } else {
            if (xt != null) WinogradConv2dKernel.stage(true, t.inRows, (r0, r1) -> io.in(g, t, x, xOff, xt, r0, r1, true));
            WinogradConv2dKernel.Tiling[] parts = t.chunks();
            Parallel.forEach(parts.length, k -> chunk(g, parts[k], x, xOff, xt, u, su, packed, b, y, yOff, relu, io));
        }
    }

    /** The blocks of chunk {@code s}: transformed (gathered, without {@code xt}), multiplied, transformed back and written out. */
    private static void chunk(ConvGeometry g, WinogradConv2dKernel.Tiling s, float[] x, int xOff, float[] xt, float[] u,
                              int su, boolean packed, float[] b, float[] y, int yOff, boolean relu, ConvIo io) {
        Workspace ws = Parallel.workspace();
        int pts = Winograd4x4Forward.points(s), bw = s.bw, n = bw + 2, cp = s.cp, op = s.op;
        float[] v = ws.get(WinogradConv2dKernel.V, pts * s.sv), m = ws.get(WinogradConv2dKernel.M, pts * s.sm);
        float[] out = ws.get(OUT, 4 * bw * op);
        float[] tile = VectorWinogradRect.tile();
        if (xt != null) {
            Winograd4x4Forward.inputTransform(s, xt, v, 0, s.blocks);
        } else {
            float[] patch = ws.get(PATCH, 6 * n * cp);
            for (int k = 0; k < s.blocks; k++) {
                gather(g, s, k, x, xOff, io.norm, patch);
                VectorWinogradRect.inputBlock(bw, patch, 0, n * cp, cp, cp, v, k * cp, s.sv, tile);
            }
        }
        WinogradConv2dKernel.products(s, g.inChannels(), g.outChannels(), v, u, su, packed, m, 0, pts);
        for (int k = 0; k < s.blocks; k++) {
            VectorWinogradRect.outputBlock(bw, m, k * op, s.sm, op, out, 0, bw * op, op, tile);
            scatter(g, s, k, out, b, relu, io.addend, y, yOff);
        }
    }

    /**
     * Block {@code k}'s {@code 6 x (bw + 2)} input patch into {@code patch}, cell {@code (i, j)} at
     * {@code (i * (bw + 2) + j) * cp}: the cells of the compact map {@code x[xOff ..]} under it,
     * normalised, and zeros where the patch lies outside the map or past its channels, as in the
     * staged path's zero-padded copy.
     */
    static void gather(ConvGeometry g, WinogradConv2dKernel.Tiling s, int k, float[] x, int xOff, ChannelNorm norm,
                       float[] patch) {
        int c = g.inChannels(), h = g.inH(), w = g.inW(), cp = s.cp, n = s.bw + 2, dh = s.dh, dw = s.dw;
        int iy0 = s.row[k] - g.padTop(), ix0 = s.col[k] - g.padLeft();
        // the patch's columns inside the map: ix0 + j * dw in [0, w)
        int j0 = ix0 >= 0 ? 0 : (-ix0 + dw - 1) / dw;
        int j1 = ix0 >= w ? 0 : Math.min(n, (w - ix0 + dw - 1) / dw);
        for (int i = 0; i < 6; i++) {
            int iy = iy0 + i * dh, d = i * n * cp;
            if (iy < 0 || iy >= h || j1 <= j0) {
                Arrays.fill(patch, d, d + n * cp, 0f);
                continue;
            }
            if (j0 > 0) Arrays.fill(patch, d, d + j0 * cp, 0f);
            if (j1 < n) Arrays.fill(patch, d + j1 * cp, d + n * cp, 0f);
            int src = xOff + (iy * w + ix0 + j0 * dw) * c;
            ConvIo.copyCells(x, src, dw * c, c, patch, d + j0 * cp, cp, j1 - j0);
            if (norm != null) norm.applyChannelsLast(patch, d + j0 * cp, j1 - j0, cp);
        }
    }

    /**
     * Block {@code k}'s {@code 4 x bw} outputs from {@code out} (output {@code (i, j)} at
     * {@code (i * bw + j) * op}) into the compact map {@code y[yOff ..]}: {@code max?(v + b, 0) (+ addend)}
     * for those inside the map, the operations of the staged path's copy out.
     */
    static void scatter(ConvGeometry g, WinogradConv2dKernel.Tiling s, int k, float[] out, float[] b, boolean relu,
                        float[] addend, float[] y, int yOff) {
        int o = g.outChannels(), oh = g.outH(), ow = g.outW(), op = s.op, bw = s.bw, dh = s.dh, dw = s.dw;
        int oy0 = s.row[k], ox0 = s.col[k], count = Math.min(bw, (ow - ox0 + dw - 1) / dw);
        for (int i = 0; i < 4; i++) {
            int oy = oy0 + i * dh;
            if (oy >= oh) break;
            int from = i * bw * op, d = yOff + (oy * ow + ox0) * o;
            ConvIo.outputCells(out, from, op, y, d, dw * o, o, count, b, relu, addend);
        }
    }
}
