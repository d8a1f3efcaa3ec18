package org.convkit.io;

import org.convkit.nn.BatchNorm2d;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.DepthwiseConv2d;
import org.convkit.nn.Dropout;
import org.convkit.nn.Embedding;
import org.convkit.nn.Flatten;
import org.convkit.nn.MaxOverTime;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.Node;
import org.convkit.nn.Padding;
import org.convkit.nn.Parameter;
import org.convkit.nn.Relu;
import org.convkit.nn.Softmax;
import org.convkit.tensor.Tensor;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small models with non-trivial state for the persistence tests. */
final class TestModels {
    private TestModels() {
    }

    /**
     * conv -> batch norm -> relu -> max pool -> depthwise conv -> dropout -> flatten -> dense, on
     * 1x12x10 inputs; batch-norm scale and shift set to random values and running statistics moved
     * by three training-mode forward passes.
     */
    static Model imageModel() {
        ModelBuilder b = new ModelBuilder("image-test");
        Node x = b.input("image", 1, 12, 10);
        x = x.then("conv1", Conv2d.of(4, 3, 3).withPadding(Padding.same()));
        x = x.then("bn1", BatchNorm2d.of());
        x = x.then("relu1", new Relu());
        x = x.then("pool1", MaxPool2d.of(2));
        x = x.then("dw", DepthwiseConv2d.of(3, 3).withPadding(Padding.of(1)));
        x = x.then("drop", new Dropout(0.3));
        x = x.then("flat", new Flatten());
        x = x.then("dense", Dense.of(5));
        Model m = Model.create(b.build(x), 42);
        SplittableRandom rng = new SplittableRandom(7);
        m.setParameter("bn1.gamma", Tensor.of(uniform(rng, 4, 0.5f, 1.5f), 4));
        m.setParameter("bn1.beta", Tensor.of(uniform(rng, 4, -0.5f, 0.5f), 4));
        for (int step = 0; step < 3; step++) m.forward(true, images(6, 100 + step));
        requireMoved(m, "bn1");
        return m;
    }

    /**
     * embedding (padding id 0) -> width-spanning conv -> relu -> max over time -> flatten -> batch
     * norm on vectors -> dense -> softmax, on sequences of 7 token ids from a vocabulary of 20.
     */
    static Model textModel() {
        ModelBuilder b = new ModelBuilder("text-test");
        Node x = b.input("tokens", 7);
        x = x.then("emb", Embedding.of(20, 6).withPaddingId(0));
        x = x.then("conv", Conv2d.of(3, 2, 6));
        x = x.then("relu", new Relu());
        x = x.then("mot", new MaxOverTime());
        x = x.then("flat", new Flatten());
        x = x.then("bn", BatchNorm2d.of());
        x = x.then("dense", Dense.of(2));
        x = x.then("softmax", new Softmax());
        Model m = Model.create(b.build(x), 1234);
        for (int step = 0; step < 3; step++) m.forward(true, tokens(8, 200 + step));
        requireMoved(m, "bn");
        return m;
    }

    /** {@code n} images of 1x12x10 with values uniform in [-1, 1). */
    static Tensor images(int n, long seed) {
        return Tensor.of(uniform(new SplittableRandom(seed), n * 120, -1f, 1f), n, 1, 12, 10);
    }

    /** {@code n} sequences of 7 token ids in [0, 20), id 0 (padding) included. */
    static Tensor tokens(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] ids = new float[n * 7];
        for (int i = 0; i < ids.length; i++) ids[i] = rng.nextInt(20);
        return Tensor.of(ids, n, 7);
    }

    static float[] uniform(SplittableRandom rng, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return v;
    }

    /** Guards the test's premise: the running statistics differ from their initial 0 and 1. */
    private static void requireMoved(Model m, String bn) {
        Parameter mean = m.parameter(bn + ".running_mean"), var = m.parameter(bn + ".running_var");
        boolean moved = false;
        for (int i = 0; i < mean.size(); i++) {
            moved |= mean.value().data()[i] != 0f && var.value().data()[i] != 1f;
        }
        assertTrue(moved, "running statistics of " + bn + " did not move");
    }
}
