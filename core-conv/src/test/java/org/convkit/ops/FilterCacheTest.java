package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kept transformed filters: a forward pass on them gives the bits of a pass that transforms the
 * filters afresh, for each kernel that keeps them, and a new weights' version is transformed
 * again while the same version is not.
 */
class FilterCacheTest {
    private static final Im2colConv2dKernel KERNEL = new Im2colConv2dKernel();

    static Stream<Arguments> geometries() {
        return Stream.of(
                // 3x3 over more than 64 channels, one example: F(2x2, 3x3), its transform packed for the products
                Arguments.of("F(2x2,3x3)", new ConvGeometry(72, 9, 8, 80, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), 1),
                // 3x3 over at most 64 channels: F(4x4, 3x3), dilated and unevenly padded
                Arguments.of("F(4x4,3x3)", new ConvGeometry(24, 13, 11, 20, 3, 3, 1, 1, 2, 1, 2, 0, 2, 1, 1), 2),
                // 33 to 48 filters: products that read the transform in place, kept unpacked
                Arguments.of("F(4x4,3x3) 40 filters", new ConvGeometry(36, 10, 9, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), 1),
                // a 5-wide filter: Winograd along the width
                Arguments.of("width", new ConvGeometry(20, 9, 14, 24, 4, 5, 1, 1, 2, 1, 2, 2, 1, 1, 1), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void keptFiltersGiveTheBitsOfAFreshTransform(String path, ConvGeometry g, int n) {
        SplittableRandom r = new SplittableRandom(17);
        float[] x = KernelTestData.rand(r, n * g.inSize()), w = KernelTestData.rand(r, g.weightSize());
        float[] b = KernelTestData.rand(r, g.outChannels());
        float[] fresh = new float[n * g.outSize()], first = new float[fresh.length], again = new float[fresh.length];
        IntFunction<float[]> scratch = KernelTestData::scratch;
        KERNEL.forwardBatch(g, n, x, w, b, fresh, true, scratch);
        FilterCache cache = new FilterCache();
        KERNEL.forwardBatch(g, n, x, w, cache, 0, b, first, true, scratch);
        assertTrue(cache.bytes() > 0, path + ": the transform is kept");
        KERNEL.forwardBatch(g, n, x, w, cache, 0, b, again, true, scratch);
        assertArrayEquals(fresh, first, path + ": the call that fills the cache");
        assertArrayEquals(fresh, again, path + ": the call on the kept transform");
        // the reference loops agree too (the kept transform is of these weights)
        float[] ref = new float[fresh.length];
        ReferenceConv2dKernel reference = new ReferenceConv2dKernel();
        for (int i = 0; i < n; i++) reference.forwardRelu(g, x, i * g.inSize(), w, b, ref, i * g.outSize(), new Workspace());
        KernelTestData.close(ref, again, 5e-4, path); // outputs up to about 15; F(4x4,3x3) rounds to about 1e-5 of them
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void theWeightsVersionDecidesWhetherTheTransformIsRedone(String path, ConvGeometry g, int n) {
        SplittableRandom r = new SplittableRandom(23);
        float[] x = KernelTestData.rand(r, n * g.inSize()), w = KernelTestData.rand(r, g.weightSize());
        float[] old = new float[n * g.outSize()], stale = new float[old.length], updated = new float[old.length];
        float[] expected = new float[old.length];
        IntFunction<float[]> scratch = KernelTestData::scratch;
        FilterCache cache = new FilterCache();
        KERNEL.forwardBatch(g, n, x, w, cache, 5, null, old, false, scratch);
        for (int i = 0; i < w.length; i++) w[i] = -w[i] * 0.5f;
        // the same version: the kept transform of the old weights is used (why writers must mark changes)
        KERNEL.forwardBatch(g, n, x, w, cache, 5, null, stale, false, scratch);
        assertArrayEquals(old, stale, path);
        // a new version: transformed again, the new weights' result
        KERNEL.forwardBatch(g, n, x, w, cache, 6, null, updated, false, scratch);
        KERNEL.forwardBatch(g, n, x, w, null, 0, null, expected, false, scratch);
        assertArrayEquals(expected, updated, path);
        assertFalse(java.util.Arrays.equals(old, updated), path + ": the weights changed the output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void aTransformThatFailsKeepsNothing(String path, ConvGeometry g, int n) {
        SplittableRandom r = new SplittableRandom(29);
        float[] x = KernelTestData.rand(r, n * g.inSize()), w = KernelTestData.rand(r, g.weightSize());
        float[] y = new float[n * g.outSize()], expected = new float[y.length];
        FilterCache cache = new FilterCache();
        float[] shortWeights = java.util.Arrays.copyOf(w, w.length / 2);
        // the transform reads past the short weights part way through
        assertThrows(IndexOutOfBoundsException.class,
                () -> KERNEL.forwardBatch(g, n, x, shortWeights, cache, 1, null, y, false, KernelTestData::scratch));
        KERNEL.forwardBatch(g, n, x, w, cache, 1, null, y, false, KernelTestData::scratch);
        KERNEL.forwardBatch(g, n, x, w, null, 0, null, expected, false, KernelTestData::scratch);
        assertArrayEquals(expected, y, path + ": the half-made transform was not kept");
    }
}
