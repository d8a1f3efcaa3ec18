package org.convkit.ops;

/**
 * Per-channel running sums over the cells of a channels-last map, each channel's sum one float
 * addition per cell in cell order: the bits of summing that channel's plane of a channels-first
 * map in order. For a global average pooling that reads the channels-last maps the Winograd
 * layers hand on (see {@link Conv2dKernel#OUTPUT_CHANNELS_LAST}).
 */
public final class ChannelSums {
    private ChannelSums() {
    }

    /**
     * Adds {@code count} cells of {@code channels} floats from {@code x[at ..]}, each normalised
     * by {@code norm} first (null: none), into the sums at {@code work[sums ..]} ({@code cs}
     * of them, a multiple of 16 at least {@code channels}: the padded cell width);
     * {@code work[0, count * cs)} is scratch for the normalised cells.
     */
    public static void add(float[] x, int at, int channels, int count, ChannelNorm norm, float[] work, int cs, int sums) {
        if (norm == null && !Sgemm.VECTOR) {
            for (int cell = 0; cell < count; cell++) {
                for (int c = 0; c < channels; c++) work[sums + c] += x[at + cell * channels + c];
            }
            return;
        }
        ConvIo.fromCompact(x, at, channels, 1, count, work, count, cs, 0, 0, 0, 1, norm, true);
        if (Sgemm.VECTOR && VectorKernels.addCellsInto(work, 0, cs, count, work, sums)) return;
        for (int cell = 0; cell < count; cell++) {
            for (int c = 0; c < channels; c++) work[sums + c] += work[cell * cs + c];
        }
    }
}
