package org.convkit.ops;

/**
 * Per-channel averages over the cells of a channels-last map, each channel's sum one float
 * addition per cell in cell order: the bits of summing that channel's plane of a channels-first
 * map in order. For a global average pooling that reads the channels-last maps the Winograd
 * layers hand on (see {@link Conv2dKernel#OUTPUT_CHANNELS_LAST}).
 */
public final class ChannelSums {
    /** Cells normalised at a time. */
    private static final int CELLS = 64;
    /** A thread's normalised cells, then its running sums. */
    private static final ThreadLocal<float[]> WORK = ThreadLocal.withInitial(() -> new float[0]);

    private ChannelSums() {
    }

    /**
     * {@code y[yOff + c]} = the average over {@code cells} cells of {@code channels} floats from
     * {@code x[at ..]} of channel {@code c}, each value normalised by {@code norm} first (null: none).
     */
    public static void averages(float[] x, int at, int channels, int cells, ChannelNorm norm, float[] y, int yOff) {
        int cs = WinogradConv2dKernel.padChannels(channels), chunk = Math.min(cells, CELLS), sums = chunk * cs;
        float[] work = WORK.get();
        if (work.length < sums + cs) WORK.set(work = new float[sums + cs]);
        java.util.Arrays.fill(work, sums, sums + cs, 0f);
        for (int p0 = 0; p0 < cells; p0 += chunk) {
            int count = Math.min(chunk, cells - p0);
            // the cells padded to whole vectors and normalised as a convolution's input copy is
            ConvIo.fromCompact(x, at + p0 * channels, channels, 1, count, work, count, cs, 0, 0, 0, 1, norm, true);
            if (Sgemm.VECTOR && VectorKernels.addCellsInto(work, 0, cs, count, work, sums)) continue;
            for (int cell = 0; cell < count; cell++) {
                for (int c = 0; c < channels; c++) work[sums + c] += work[cell * cs + c];
            }
        }
        for (int c = 0; c < channels; c++) y[yOff + c] = work[sums + c] / cells;
    }
}
