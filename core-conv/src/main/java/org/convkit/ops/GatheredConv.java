package org.convkit.ops;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The forward pass of one example of a layer with few input channels (a spectrogram's first
 * layer: cnn-trad-pool2's conv1, one channel, 20x8 filters) by the im2col product without the
 * unrolled matrix: each strip of 32 output positions' inputs is packed from the zero-padded input
 * just before the micro-kernel reads it ({@link VectorGemm#gemmGatheredB}). The unrolled matrix of
 * that layer is 1.7 MB per example, written once and read by the product as 160 row streams 10.8 KB
 * apart, which the prefetchers do not follow; the input is 16 KB. The same blocks, micro-kernel
 * and epilogue as the product on the unrolled matrix, so the same bits. That layer, one example:
 * 403 -> 303 us on two threads, 644 -> 591 on one (im2col and the product against this).
 */
final class GatheredConv {
    /** The most input channels of a layer here. */
    static final int MAX_CHANNELS = 3;
    /** Workspace slot of the padded input (the other kernels' slots are below). */
    private static final int PADDED = 17;
    /** Below this many multiply-adds an example stays on the calling thread (as {@link Sgemm#gemm} decides). */
    private static final long PARALLEL_MIN_MACS = 1L << 21;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.gatheredConv", "true"));
    /** Per geometry: where each tap reads in the padded input, and where each output position's window starts. */
    private static final ConcurrentHashMap<ConvGeometry, int[][]> OFFSETS = new ConcurrentHashMap<>();

    private GatheredConv() {
    }

    /**
     * Whether {@code g}'s forward pass runs here: few input channels and stride 1 across, so that
     * a strip's positions are runs of consecutive inputs (copied a run at a time).
     */
    static boolean chosen(ConvGeometry g) {
        return ON && Sgemm.VECTOR && g.groups() == 1 && g.inChannels() <= MAX_CHANNELS && g.strideW() == 1;
    }

    /** One example: {@code y[yOff ..] = max?(conv(x[xOff ..], w) + b, 0)}, channels-first. */
    static void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, boolean relu,
                        Workspace ws) {
        int c = g.inChannels(), h = g.inH(), iw = g.inW(), o = g.outChannels(), k = g.filterSize();
        int hp = h + g.padTop() + g.padBottom(), wp = iw + g.padLeft() + g.padRight(), p = g.outH() * g.outW();
        float[] padded = ws.get(PADDED, c * hp * wp);
        java.util.Arrays.fill(padded, 0, c * hp * wp, 0f);
        for (int ci = 0; ci < c; ci++) {
            for (int iy = 0; iy < h; iy++) {
                System.arraycopy(x, xOff + (ci * h + iy) * iw, padded, (ci * hp + iy + g.padTop()) * wp + g.padLeft(), iw);
            }
        }
        int[][] off = OFFSETS.get(g);
        if (off == null) {
            off = offsets(g, hp, wp);
            if (OFFSETS.size() < 256) OFFSETS.put(g, off);
        }
        int[] at = off[0], q = off[1];
        int threads = Parallel.threads();
        if (threads > 1 && !Parallel.inWorker() && (long) o * p * k >= PARALLEL_MIN_MACS) {
            // columns split in whole strips, as the product on the unrolled matrix splits them
            int units = (p + VectorGemm.NR - 1) / VectorGemm.NR, parts = Math.min(threads, units);
            Parallel.forEach(parts, t -> VectorGemm.gemmGatheredB(0, o,
                    Math.min(p, Parallel.chunkStart(units, parts, t) * VectorGemm.NR),
                    Math.min(p, Parallel.chunkStart(units, parts, t + 1) * VectorGemm.NR), k, w, 0, k, padded, at, q, y, yOff,
                    p, b, 0, relu));
            return;
        }
        VectorGemm.gemmGatheredB(0, o, 0, p, k, w, 0, k, padded, at, q, y, yOff, p, b, 0, relu);
    }

    /** The taps' offsets (input channel, then filter row, then column: the unrolled matrix's rows) and the positions'. */
    private static int[][] offsets(ConvGeometry g, int hp, int wp) {
        int[] at = new int[g.filterSize()];
        for (int ci = 0, t = 0; ci < g.inChannels(); ci++) {
            for (int ky = 0; ky < g.kernelH(); ky++) {
                for (int kx = 0; kx < g.kernelW(); kx++, t++) at[t] = (ci * hp + ky * g.dilationH()) * wp + kx * g.dilationW();
            }
        }
        int[] q = new int[g.outH() * g.outW()];
        for (int oy = 0, n = 0; oy < g.outH(); oy++) {
            for (int ox = 0; ox < g.outW(); ox++, n++) q[n] = oy * g.strideH() * wp + ox * g.strideW();
        }
        return new int[][]{at, q};
    }
}
