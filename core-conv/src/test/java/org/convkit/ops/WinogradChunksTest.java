package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One example split over the threads runs its Winograd transforms and products chunk by chunk of
 * blocks ({@link WinogradConv2dKernel#chunks}); the examples of a batch run whole-map steps on
 * one thread each. Both must give the same bits, and agree with the reference loops.
 */
class WinogradChunksTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static Stream<Arguments> geometries() {
        return Stream.of(
                // F(4x4,3x3), one phase, 260 blocks: 9 chunks, the last one short
                Arguments.of("F(4x4) 101x40", new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
                // F(4x5,3x3) on a large dilation: phase rows dealt unevenly to the two threads
                Arguments.of("F(4x5) dilation 8", new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1)),
                // F(4x3,3x3), where it multiplies less than F(2x2,3x3) one example at a time
                Arguments.of("F(4x3) dilation 16", new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 16, 16, 16, 16, 16, 16, 1)),
                // more than 64 channels: F(2x2,3x3) one example at a time, 24 output channels padded
                Arguments.of("F(2x2) 72 channels", new ConvGeometry(72, 23, 17, 24, 3, 3, 1, 1, 1, 2, 2, 1, 1, 1, 1)),
                // F(2x2,3x3) with uneven dilations
                Arguments.of("F(2x2) dilation 3x2", new ConvGeometry(80, 30, 21, 20, 3, 3, 1, 1, 3, 3, 2, 2, 3, 2, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void oneExampleInChunksGivesTheBitsOfABatchExampleAndTheReference(String name, ConvGeometry g) {
        Parallel.setThreads(2);
        int blocks = Winograd4x4Forward.chosen(g, 1) ? WinogradConv2dKernel.tiling4(g).blocks : WinogradConv2dKernel.tiling(g).blocks;
        assertTrue(blocks > 2 * WinogradConv2dKernel.CHUNK_BLOCKS, name + ": several chunks, " + blocks + " blocks");
        SplittableRandom r = new SplittableRandom(41);
        float[] x = KernelTestData.rand(r, 2 * g.inSize()), w = KernelTestData.rand(r, g.weightSize());
        float[] b = KernelTestData.rand(r, g.outChannels());
        Im2colConv2dKernel kernel = new Im2colConv2dKernel();
        float[] one = new float[g.outSize()], two = new float[2 * g.outSize()];
        // the same choice of algorithm for one and two examples (both below the wide-batch size)
        kernel.forwardBatch(g, 1, x, w, new FilterCache(), 0, b, one, true, KernelTestData::scratch);
        kernel.forwardBatch(g, 2, x, w, new FilterCache(), 0, b, two, true, KernelTestData::scratch);
        assertArrayEquals(Arrays.copyOf(two, g.outSize()), one, name + ": chunks against a batch example's whole-map steps");
        float[] ref = new float[g.outSize()];
        new ReferenceConv2dKernel().forwardRelu(g, x, 0, w, b, ref, 0, new Workspace());
        KernelTestData.close(ref, one, 2e-4, name);
    }

    @Test
    void phaseRowsAreDealtSoTheThreadsGetNearlyEqualBlocksEachOnce() {
        // dilation 8: five phase rows of 32 blocks and three of 24; halves would be 128 and 104
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.tiling4(new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1));
        WinogradConv2dKernel.RowClasses c = t.classes(2);
        assertEquals(120, blocks(c.chunks[0]));
        assertEquals(112, blocks(c.chunks[1]));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 7, 8}, c.runs[0]);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 7}, c.runs[1]);
        coversEachBlockOnce(t, c);
        // dilation 16: every phase row has 32 blocks, and equal halves of consecutive rows stay
        WinogradConv2dKernel.Tiling t16 = WinogradConv2dKernel.tiling4(new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 16, 16, 16, 16, 16, 16, 1));
        WinogradConv2dKernel.RowClasses c16 = t16.classes(2);
        assertArrayEquals(new int[] {0, 8}, c16.runs[0]);
        assertArrayEquals(new int[] {8, 16}, c16.runs[1]);
        coversEachBlockOnce(t16, c16);
        coversEachBlockOnce(t, t.classes(3));
    }

    private static int blocks(WinogradConv2dKernel.Tiling[] chunks) {
        int n = 0;
        for (WinogradConv2dKernel.Tiling s : chunks) {
            assertTrue(s.blocks <= WinogradConv2dKernel.CHUNK_BLOCKS);
            n += s.blocks;
        }
        return n;
    }

    /** Every block of {@code t} in exactly one chunk, of the part whose phase rows hold its row. */
    private static void coversEachBlockOnce(WinogradConv2dKernel.Tiling t, WinogradConv2dKernel.RowClasses c) {
        int[] seen = new int[t.outRows * t.outCols];
        for (int q = 0; q < c.runs.length; q++) {
            for (WinogradConv2dKernel.Tiling s : c.chunks[q]) {
                for (int k = 0; k < s.blocks; k++) {
                    int ry = s.row[k] % t.dh;
                    boolean owned = false;
                    for (int i = 0; i < c.runs[q].length; i += 2) owned |= ry >= c.runs[q][i] && ry < c.runs[q][i + 1];
                    assertTrue(owned, "block row " + s.row[k] + " in part " + q);
                    seen[s.row[k] * t.outCols + s.col[k]]++;
                }
            }
        }
        int total = 0;
        for (int v : seen) {
            assertTrue(v <= 1);
            total += v;
        }
        assertEquals(t.blocks, total);
    }
}
