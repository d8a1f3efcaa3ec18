package org.convkit.ops;

import org.convkit.nn.Conv2d;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.Node;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The classic lecture example: a 6x6 binary image, a diagonal filter and a vertical-line filter.
 * Expected maps were worked out by hand (and agree with the lecture's slides).
 */
class ConvLectureExampleTest {
    static final float[] IMAGE = {
            1, 0, 0, 0, 0, 1,
            0, 1, 0, 0, 1, 0,
            0, 0, 1, 1, 0, 0,
            1, 0, 0, 0, 1, 0,
            0, 1, 0, 0, 1, 0,
            0, 0, 1, 0, 1, 0};
    static final float[] FILTERS = {
            1, -1, -1, -1, 1, -1, -1, -1, 1,     // filter 1: diagonal
            -1, 1, -1, -1, 1, -1, -1, 1, -1};    // filter 2: vertical line

    private static Model model(int stride, boolean pool) {
        ModelBuilder b = new ModelBuilder("lecture");
        Node x = b.input("image", 1, 6, 6).then("conv", Conv2d.of(2, 3).withStride(stride).withBias(false));
        if (pool) x = x.then("pool", MaxPool2d.of(2));
        Model m = Model.create(b.build(x), 1);
        m.setParameter("conv.weight", Tensor.of(FILTERS, 2, 1, 3, 3));
        return m;
    }

    @Test
    void strideOneGivesTwoFourByFourMaps() {
        Tensor y = model(1, false).predict(Tensor.of(IMAGE, 1, 1, 6, 6));
        assertArrayEquals(new int[]{1, 2, 4, 4}, y.shape());
        assertArrayEquals(new float[]{
                3, -1, -3, -1,
                -3, 1, 0, -3,
                -3, -3, 0, 1,
                3, -2, -2, -1,
                // filter 2
                -1, -1, -1, -1,
                -1, -1, -2, 1,
                -1, -1, -2, 1,
                -1, 0, -4, 3}, y.toArray());
    }

    @Test
    void strideTwoGivesTwoByTwoMaps() {
        Tensor y = model(2, false).predict(Tensor.of(IMAGE, 1, 1, 6, 6));
        assertArrayEquals(new int[]{1, 2, 2, 2}, y.shape());
        assertArrayEquals(new float[]{3, -3, -3, 0, -1, -1, -1, -2}, y.toArray());
    }

    @Test
    void maxPoolingKeepsTheLargestOfEachTwoByTwoBlock() {
        Tensor y = model(1, true).predict(Tensor.of(IMAGE, 1, 1, 6, 6));
        assertArrayEquals(new int[]{1, 2, 2, 2}, y.shape());
        assertArrayEquals(new float[]{3, 0, 3, 1, -1, 1, 0, 3}, y.toArray());
    }

    @Test
    void referenceAndIm2colKernelsAgreeOnTheLecture() {
        ConvGeometry g = new ConvGeometry(1, 6, 6, 2, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        float[] a = new float[g.outSize()], b = new float[g.outSize()];
        new ReferenceConv2dKernel().forward(g, IMAGE, 0, FILTERS, null, a, 0, new Workspace());
        new Im2colConv2dKernel().forward(g, IMAGE, 0, FILTERS, null, b, 0, new Workspace());
        assertArrayEquals(a, b);
    }
}
