package org.convkit.nn;

import org.convkit.ops.Parallel;
import org.convkit.ops.ReferenceConv2dKernel;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's buffer sharing (conv + ReLU fusion, reused activation and gradient buffers) changes
 * no result, and training is reproducible to the bit across thread counts.
 */
class ModelBuffersTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** A res15-like block: conv -> relu -> conv -> relu -> add(kept) -> batch norm -> pool -> dense, with dropout. */
    private static ModelSpec residual() {
        ModelBuilder b = new ModelBuilder("res");
        Node x = b.input("x", 2, 9, 7).then("c0", Conv2d.of(5, 3).withPadding(Padding.of(1)).withBias(false)).then("r0", new Relu());
        Node kept = x;
        x = x.then("c1", Conv2d.of(5, 3).withPadding(Padding.of(2)).withDilation(2)).then("r1", new Relu());
        x = x.then("bn1", BatchNorm2d.withoutAffine());
        x = x.then("c2", Conv2d.of(5, 3).withPadding(Padding.of(1))).then("r2", new Relu());
        x = b.add("res", new Add(), x, kept);
        x = x.then("bn2", BatchNorm2d.withoutAffine()).then("drop", new Dropout(0.3));
        x = x.then("pool", MaxPool2d.of(2)).then("flat", new Flatten()).then("fc", Dense.of(4));
        return b.build(x);
    }

    private static Tensor input(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(n, 2, 9, 7);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian();
        return x;
    }

    private static float[] trainAndCollect(Model m, int steps) {
        Tensor x = input(6, 3), labels = Tensor.of(new float[]{0, 1, 2, 3, 1, 2}, 6);
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.plain();
        float[] trace = new float[steps];
        for (int s = 0; s < steps; s++) {
            Tensor out = m.forward(true, x);
            Tensor g = Tensor.zeros(out.shape());
            trace[s] = (float) loss.compute(out, labels, g);
            m.backward(g);
            for (Parameter p : m.parameters().values()) {
                if (!p.trainable()) continue;
                float[] v = p.value().data(), gr = p.grad().data();
                for (int i = 0; i < p.size(); i++) v[i] -= 0.05f * gr[i];
            }
        }
        return trace;
    }

    @Test
    void sameSeedSameBitsOnOneOrTwoThreads() {
        Parallel.setThreads(1);
        float[] one = trainAndCollect(Model.create(residual(), 9), 5);
        Model a = Model.create(residual(), 9);
        trainAndCollect(a, 5);
        Parallel.setThreads(2);
        float[] two = trainAndCollect(Model.create(residual(), 9), 5);
        Model b = Model.create(residual(), 9);
        trainAndCollect(b, 5);
        assertArrayEquals(one, two, "losses");
        for (String name : a.parameters().keySet()) {
            assertArrayEquals(a.parameter(name).value().toArray(), b.parameter(name).value().toArray(), name);
        }
        assertTrue(one[4] < one[0], "the loss falls: " + java.util.Arrays.toString(one));
    }

    @Test
    void sharedBuffersGiveTheSameGradientsAsTheReferenceKernelModel() {
        // The reference kernel has no fused ReLU (its forwardRelu is forward then a pass); both models
        // share buffers the same way, so this checks fusion, and GradientCheck checks the rest.
        Model fused = Model.create(residual(), 4), plain = Model.create(residual(), 4, new ReferenceConv2dKernel());
        Tensor x = input(3, 8);
        Tensor o1 = fused.forward(true, x).copy(), o2 = plain.forward(true, x).copy();
        for (int i = 0; i < o1.size(); i++) assertEquals(o2.data()[i], o1.data()[i], 1e-4, "output " + i);
        Tensor g = Tensor.zeros(o1.shape());
        for (int i = 0; i < g.size(); i++) g.data()[i] = (i % 3) - 1;
        fused.backward(g);
        plain.backward(g);
        for (String name : fused.parameters().keySet()) {
            float[] a = fused.parameter(name).grad().toArray(), b = plain.parameter(name).grad().toArray();
            for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-3 * (1 + Math.abs(b[i])), name + " grad " + i);
        }
    }

    /** Ten conv + ReLU layers and a dense head: every conv output is read by the next layer's backward pass. */
    private static ModelSpec deepChain() {
        ModelBuilder b = new ModelBuilder("chain");
        Node x = b.input("x", 2, 9, 7);
        for (int i = 0; i < 10; i++) x = x.then("c" + i, Conv2d.of(4, 3).withPadding(Padding.of(1))).then("r" + i, new Relu());
        return b.build(x.then("flat", new Flatten()).then("fc", Dense.of(3)));
    }

    @Test
    void inferencePassesKeepNoLayerOutputsForBackward() {
        Model m = Model.create(deepChain(), 2);
        // training keeps the ten conv outputs (and what else backward reads); inference reuses two
        // buffers along the chain and keeps the output
        assertTrue(m.activationBuffers(true) >= 10, "training buffers " + m.activationBuffers(true));
        assertTrue(m.activationBuffers(false) <= 3, "inference buffers " + m.activationBuffers(false));
        Model r = Model.create(residual(), 2);
        assertTrue(r.activationBuffers(false) < r.activationBuffers(true), "the residual model too");
    }

    @Test
    void leanInferenceGivesTheBitsOfInferenceOnTheTrainingBuffers() {
        // fused and standalone ReLU, dropout, batch norm, flatten: the lean pass skips ReLU masks
        // and runs dropout and flatten as views of their inputs
        Model m = Model.create(residual(), 3);
        Tensor x = input(4, 6);
        float[] lean = m.forward(false, x).toArray();
        Model before = m.copy();
        m.forward(true, input(5, 7)); // training buffers for 5 examples: inference of 4 now runs on them
        // the training pass moved batch norm's running statistics: put them back
        for (Parameter p : m.parameters().values()) p.value().copyFrom(before.parameter(p.name()).value());
        float[] onTrainingBuffers = m.forward(false, x).toArray();
        assertArrayEquals(onTrainingBuffers, lean);
        Model chain = Model.create(deepChain(), 3);
        float[] chainLean = chain.forward(false, x).toArray();
        chain.forward(true, input(5, 7));
        assertArrayEquals(chain.forward(false, x).toArray(), chainLean, "the chain");
    }

    @Test
    void trainingAfterALargeInferenceBatchTakesOverItsBuffers() {
        Model m = Model.create(deepChain(), 5);
        float[] leanOutput = m.forward(false, input(6, 1)).data();
        m.forward(true, input(6, 2));
        assertTrue(m.trainingBuffersTook(leanOutput), "the inference pass's output buffer serves training now");
        // and the next inference batch that fits runs on the training buffers, with the same bits
        Model fresh = Model.create(deepChain(), 5);
        Tensor x = input(4, 3);
        assertArrayEquals(fresh.forward(false, x).toArray(), m.forward(false, x).toArray());
    }

    @Test
    void inferenceBuffersAreSeparateAndBackwardAfterInferenceRecomputesThatPass() {
        // (batch normalisation refuses a backward pass after inference; the chain has none)
        Model m = Model.create(deepChain(), 6);
        Tensor x = input(3, 4), big = input(7, 5);
        Tensor g = Tensor.zeros(3, 3);
        for (int i = 0; i < g.size(); i++) g.data()[i] = (i % 5) - 2;
        float[] inference = m.forward(false, x).toArray();
        m.backward(g);
        java.util.Map<String, float[]> first = new java.util.HashMap<>();
        for (Parameter p : m.parameters().values()) first.put(p.name(), p.grad().toArray());
        // a training pass, a larger inference batch, then the same inference pass and backward again:
        // neither the training buffers' stale values nor the larger batch reach the result
        m.forward(true, x);
        m.forward(false, big);
        assertArrayEquals(inference, m.forward(false, x).toArray(), "inference output");
        m.backward(g);
        for (Parameter p : m.parameters().values()) {
            assertArrayEquals(first.get(p.name()), p.grad().toArray(), p.name() + " gradient after an inference pass");
        }
        double sum = 0;
        for (float v : first.get("c0.weight")) sum += Math.abs(v);
        assertTrue(sum > 0, "gradients reach the first layer");
    }

    @Test
    void gradientSlotsAreFewAndNeverSharedWhileLive() {
        Model m = Model.create(residual(), 1);
        m.forward(true, input(2, 1));
        ModelSpec spec = m.spec();
        int inputs = spec.inputs().size(), nodes = spec.nodes().size();
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        index.put("x", 0);
        int[][] sources = new int[nodes][];
        for (int j = 0; j < nodes; j++) {
            index.put(spec.nodes().get(j).name(), inputs + j);
            sources[j] = spec.nodes().get(j).inputs().stream().mapToInt(index::get).toArray();
        }
        org.convkit.tensor.Shape[] shapes = new org.convkit.tensor.Shape[inputs + nodes];
        shapes[0] = spec.inputs().get(0).shape();
        for (int j = 0; j < nodes; j++) shapes[inputs + j] = m.shapes().get(spec.nodes().get(j).name());
        GradientPlan plan = GradientPlan.of(sources, shapes, inputs, inputs + nodes - 1, true);
        assertTrue(plan.slotSizes().length <= 5, "slots " + plan.slotSizes().length + " for " + nodes + " nodes");
        for (int j = 0; j < nodes; j++) {
            int own = plan.gradSlot()[inputs + j];
            for (int k = 0; k < sources[j].length; k++) {
                int s = sources[j][k];
                int slot = plan.mode()[j][k] == GradientPlan.SCRATCH ? plan.scratchSlot()[j][k] : plan.gradSlot()[s];
                assertNotEquals(own, slot, "node " + j + " writes its input's gradient over its own");
            }
        }
        // the input keeps a slot nobody else uses
        int in = plan.gradSlot()[0];
        for (int v = 1; v < shapes.length; v++) assertNotEquals(in, plan.gradSlot()[v]);
        for (int[] s : plan.scratchSlot()) for (int v : s) assertNotEquals(in, v);
        assertEquals(List.of(), List.of()); // keeps the imports honest when the plan has no scratch slots
    }
}
