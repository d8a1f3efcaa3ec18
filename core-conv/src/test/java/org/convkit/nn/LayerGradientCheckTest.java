package org.convkit.nn;

import org.convkit.check.GradientCheck;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer passes a finite-difference gradient check for its input and every parameter, on a
 * batch of three examples, including stride > 1, asymmetric padding, dilation, groups,
 * overlapping pooling, residual fan-out and parallel branches. Tolerances: see {@link GradientCheck}.
 */
class LayerGradientCheckTest {

    private static ModelSpec single(LayerSpec layer, int... shape) {
        ModelBuilder b = new ModelBuilder(layer.describe());
        return b.build(b.input("x", shape).then("layer", layer));
    }

    private static ModelSpec residual() {
        ModelBuilder b = new ModelBuilder("residual");
        Node x = b.input("x", 2, 5, 4).then("conv_a", Conv2d.of(3, 3).withPadding(Padding.same()));
        Node y = x.then("tanh", new Tanh())
                .then("conv_b", Conv2d.of(3, 3).withPadding(Padding.of(2)).withDilation(2).withBias(false));
        Node sum = b.add("add", new Add(), y, x);   // conv_a's output feeds two consumers
        return b.build(sum.then("bn", BatchNorm2d.withoutAffine()));
    }

    private static ModelSpec branches() {
        ModelBuilder b = new ModelBuilder("branches");
        Node x = b.input("x", 1, 7, 4);
        Node a = x.then("c3", Conv2d.of(2, 3, 4)).then("r3", new Relu()).then("m3", new MaxOverTime());
        Node c = x.then("c2", Conv2d.of(3, 2, 4)).then("r2", new Relu()).then("m2", new MaxOverTime());
        return b.build(b.add("cat", new Concat(), a, c).then("flat", new Flatten()).then("fc", Dense.of(3)));
    }

    static Stream<Arguments> models() {
        return Stream.of(
                single(Conv2d.of(3, 3, 2).withStride(2, 1).withPadding(Padding.of(1, 0, 2, 1)), 2, 7, 6),
                single(Conv2d.of(2, 3).withPadding(Padding.of(2)).withDilation(2).withBias(false), 3, 8, 7),
                single(Conv2d.of(4, 3).withStride(2).withPadding(Padding.same()), 2, 7, 8),
                single(Conv2d.of(4, 3, 5), 1, 6, 5),     // width-spanning
                single(Conv2d.of(3, 1), 4, 3, 3),        // pointwise
                single(Conv2d.of(16, 3).withPadding(Padding.same()), 16, 6, 5),  // Winograd F(2x2,3x3)
                single(Conv2d.of(16, 3).withPadding(Padding.of(2)).withDilation(2).withBias(false), 16, 8, 8),  // Winograd, phases
                single(DepthwiseConv2d.of(3, 3).withMultiplier(2).withStride(2, 2).withPadding(Padding.of(1)), 3, 7, 6),
                single(MaxPool2d.of(3, 3, 2, 2), 2, 7, 7),          // overlapping windows
                single(MaxPool2d.of(2, 3, 1, 2).withPadding(Padding.of(1, 0, 1, 1)), 2, 5, 6),
                single(AvgPool2d.of(3, 2, 2, 1).withPadding(Padding.of(1, 1, 0, 1)), 2, 6, 5),
                single(new GlobalMaxPool2d(), 3, 4, 5),
                single(new GlobalAvgPool2d(), 3, 4, 5),
                single(new MaxOverTime(), 3, 6, 2),
                single(Dense.of(4), 7),
                single(Dense.of(3).withBias(false).withInit(Init.GLOROT_UNIFORM), 5),
                single(new Flatten(), 2, 3, 2),
                single(new Reshape(org.convkit.tensor.Shape.of(3, 4)), 2, 6),
                single(new Relu(), 2, 3, 3),
                single(new Tanh(), 2, 3, 3),
                single(new Sigmoid(), 2, 3, 3),
                single(new Softmax(), 6),
                single(BatchNorm2d.of(), 3, 4, 2),
                single(BatchNorm2d.withoutAffine(), 3, 4, 2),
                single(BatchNorm2d.of(), 5),
                single(new PositionBias(), 1, 3, 3),
                residual(),
                branches()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientsMatchFiniteDifferences(ModelSpec spec) {
        int[] shape = spec.inputs().get(0).shape().dims();
        Model m = Model.create(spec, 11);
        // Random non-zero parameters (BatchNorm's gamma/beta start at 1/0, PositionBias at 0).
        SplittableRandom r = new SplittableRandom(5);
        for (Parameter p : m.parameters().values()) {
            if (p.trainable() && (p.name().endsWith("gamma") || p.name().endsWith("beta") || p.name().contains("layer.bias"))) {
                for (int i = 0; i < p.size(); i++) p.value().data()[i] = (float) (r.nextDouble() + 0.5);
                p.markChanged();
            }
        }
        int[] full = new int[shape.length + 1];
        full[0] = 3;
        System.arraycopy(shape, 0, full, 1, shape.length);
        Tensor x = Tensor.zeros(full);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (r.nextDouble() * 4 - 2);
        List<GradientCheck.Result> results = GradientCheck.check(m, new Tensor[]{x}, true, GradientCheck.Options.defaults());
        assertFalse(results.isEmpty());
        for (GradientCheck.Result res : results) {
            assertTrue(res.checked() > 0, res.toString());
            assertTrue(res.passed(), spec.name() + " " + res);
        }
    }

    @ParameterizedTest(name = "embedding trainable={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void embeddingGradientsMatchFiniteDifferences(boolean trainable) {
        ModelBuilder b = new ModelBuilder("emb");
        Embedding e = new Embedding(6, 4, trainable, 0, Init.NORMAL);
        Node x = b.input("ids", 5).then("emb", e).then("conv", Conv2d.of(2, 2, 4)).then("pool", new MaxOverTime());
        Model m = Model.create(b.build(x), 3);
        // Ids avoid the padding row here: its forward still reads the (zero) row, but by design it gets
        // no gradient, so a finite difference on it would disagree.
        Tensor ids = Tensor.of(new float[]{1, 2, 4, 5, 2, 3, 3, 4, 1, 5}, 2, 5);
        List<GradientCheck.Result> results = GradientCheck.check(m, new Tensor[]{ids}, false, GradientCheck.Options.defaults());
        for (GradientCheck.Result res : results) assertTrue(res.passed(), res.toString());
        assertTrue(results.stream().anyMatch(res -> res.tensor().equals("emb.weight")) == trainable,
                "a frozen table is not a trainable parameter");
        if (trainable) {
            // the padding row (id 0) stays zero and gets no gradient
            Tensor withPad = Tensor.of(new float[]{0, 2, 0, 5, 2, 3, 0, 4, 1, 0}, 2, 5);
            Tensor out = m.forward(true, withPad);
            Tensor r = Tensor.zeros(out.shape());
            r.fill(1f);
            m.backward(r);
            for (int d = 0; d < 4; d++) {
                assertTrue(m.parameter("emb.weight").value().get(0, d) == 0f);
                assertTrue(m.parameter("emb.weight").grad().get(0, d) == 0f);
            }
        }
    }
}
