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
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.gatheredConv", "true"));
    /** Per geometry, {@link #positions}. */
    private static final ConcurrentHashMap<ConvGeometry, int[]> POSITIONS = new ConcurrentHashMap<>();

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
        int o = g.outChannels(), k = g.filterSize(), p = g.outH() * g.outW();
        int size = g.inChannels() * (g.inH() + g.padTop() + g.padBottom()) * (g.inW() + g.padLeft() + g.padRight());
        float[] padded = ws.get(PADDED, size);
        java.util.Arrays.fill(padded, 0, size, 0f);
        FewChannelsConv.pad(g, ConvIo.PLAIN, x, xOff, padded);
        int[] at = FewChannelsConv.tapOffsets(g), q = positions(g);
        int threads = Parallel.threads();
        if (threads > 1 && !Parallel.inWorker() && (long) o * p * k >= Sgemm.PARALLEL_MIN_MACS) {
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

    /** Where each output position's window starts in the padded input (made once per geometry). */
    private static int[] positions(ConvGeometry g) {
        int[] q = POSITIONS.get(g);
        if (q != null) return q;
        int wp = g.inW() + g.padLeft() + g.padRight();
        q = new int[g.outH() * g.outW()];
        for (int oy = 0, n = 0; oy < g.outH(); oy++) {
            for (int ox = 0; ox < g.outW(); ox++, n++) q[n] = oy * g.strideH() * wp + ox * g.strideW();
        }
        if (POSITIONS.size() < 256) POSITIONS.put(g, q);
        return q;
    }
}
