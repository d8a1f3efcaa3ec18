package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
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
                // F(4x4,3x3) on a large dilation, where it multiplies less than F(2x2,3x3) one example at a time
                Arguments.of("F(4x4) dilation 8", new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1)),
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
}
