package org.convkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lean inference passes run batch normalisations and residual sums inside the convolutions next
 * to them; they must give the bits of the same model run node by node. The node-by-node
 * reference is inference on the training buffers (a model that has trained on a batch at least
 * as large runs inference there, with no fusion), its running statistics reset to the lean
 * model's after that training pass.
 */
class LeanFusionTest {
    /** Whether conv0's 3-channel layer writes channels-last maps (it does on the Vector API). */
    private static final boolean FEW_CHANNELS = org.convkit.ops.Sgemm.VECTOR;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A residual network in res15's pattern on 20 channels (not a multiple of the vector width):
     * F(4x4,3x3) and dilated layers, a 5x5 layer (no Winograd: the steps run apart), a 72-channel
     * layer (F(2x2,3x3) one example at a time, grouped examples from four on, which do not fuse),
     * normalisations with and without learned scale and shift. One to three examples keep the
     * maps between conv0 (3 channels, {@code FewChannelsConv}) and conv4 channels-last: conv2 adds
     * relu0 into its output, conv3 a sum.
     */
    private static ModelSpec spec() {
        return spec(true);
    }

    /** With {@code norms} false, the same network without its normalisations (backward after inference refuses them). */
    private static ModelSpec spec(boolean norms) {
        ModelBuilder b = new ModelBuilder("lean");
        Node x = b.input("x", 3, 14, 11);
        Node kept = x.then("conv0", Conv2d.of(20, 3).withPadding(Padding.of(1)).withBias(false)).then("relu0", new Relu());
        x = kept.then("conv1", Conv2d.of(20, 3).withPadding(Padding.of(1))).then("relu1", new Relu());
        if (norms) x = x.then("bn1", BatchNorm2d.of());
        x = x.then("conv2", Conv2d.of(20, 3).withPadding(Padding.of(2)).withDilation(2).withBias(false))
                .then("relu2", new Relu());
        kept = b.add("res2", new Add(), x, kept);
        x = norms ? kept.then("bn2", BatchNorm2d.withoutAffine()) : kept;
        x = x.then("conv3", Conv2d.of(20, 3).withPadding(Padding.of(1))).then("relu3", new Relu());
        kept = b.add("res3", new Add(), kept, x);
        x = norms ? kept.then("bn3", BatchNorm2d.of()) : kept;
        x = x.then("conv4", Conv2d.of(72, 3).withPadding(Padding.of(1))).then("relu4", new Relu());
        if (norms) x = x.then("bn4", BatchNorm2d.withoutAffine());
        x = x.then("conv5", Conv2d.of(20, 5).withPadding(Padding.of(2))).then("relu5", new Relu());
        if (norms) x = x.then("bn5", BatchNorm2d.of());
        x = x.then("conv6", Conv2d.of(20, 3).withPadding(Padding.of(3)).withDilation(3)).then("relu6", new Relu());
        if (norms) x = x.then("bn6", BatchNorm2d.withoutAffine());
        x = x.then("pool", new GlobalAvgPool2d()).then("out", Dense.of(4));
        return b.build(x);
    }

    private static Tensor input(int n, long seed) {
        Tensor x = Tensor.zeros(n, 3, 14, 11);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    /** A model whose normalisations have running statistics and affine terms away from their initial values. */
    private static Model model(long seed) {
        return model(seed, new org.convkit.ops.Im2colConv2dKernel());
    }

    /** As {@link #model(long)}, on {@code kernel}. */
    private static Model model(long seed, org.convkit.ops.Conv2dKernel kernel) {
        Model m = Model.create(spec(), seed, kernel);
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Parameter p : m.parameters().values()) {
            String name = p.name();
            if (!name.startsWith("bn")) continue;
            Tensor v = Tensor.zeros(p.value().shape());
            for (int i = 0; i < v.size(); i++) {
                v.data()[i] = (float) (name.endsWith("running_var") || name.endsWith("gamma")
                        ? 0.2 + r.nextDouble() * 2 : r.nextDouble() - 0.5);
            }
            m.setParameter(name, v);
        }
        return m;
    }

    /** The same model's inference run node by node (see the class comment). */
    private static float[] nodeByNode(Model m, Tensor x) {
        Model ref = m.copy();
        ref.forward(true, input(x.dim(0), 99));
        for (Parameter p : m.parameters().values()) ref.setParameter(p.name(), p.value());
        return ref.forward(false, x).toArray();
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Test
    void fusesTheSumsAndNormalisationsNextToConvolutions() {
        // res2 and res3 into conv2 and conv3; bn1..bn5 into the convolutions that read them, bn6
        // into the pooling
        assertEquals(8, model(1).leanFusions());
        assertEquals(19, Model.create(org.convkit.zoo.ReferenceNetworks.kwsRes15(), 1).leanFusions());
    }

    @Test
    void keepsMapsChannelsLastBetweenLayersThatTakeThem() {
        // conv1, conv2 and conv3 read and write channels-last maps (conv0, on 3 channels, writes
        // relu0 channels-last on the Vector API: FewChannelsConv); conv4 writes for the 5x5
        // conv5, conv6 reads conv5's map and writes channels-last for the pooling
        assertEquals(FEW_CHANNELS ? 3 : 2, model(1).channelsLastLayers());
        // res15: conv1..conv13 (conv0 reads the model's input)
        assertEquals(FEW_CHANNELS ? 13 : 12, Model.create(org.convkit.zoo.ReferenceNetworks.kwsRes15(), 1).channelsLastLayers());
    }

    @Test
    void leanPassesGiveTheBitsOfTheNodeByNodePass() {
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (int n : new int[]{1, 2, 5}) {
                Model m = model(3);
                Tensor x = input(n, 10 + n);
                float[] lean = m.forward(false, x).toArray();
                assertArrayEquals(nodeByNode(m, x), lean, threads + " threads, batch " + n);
                assertArrayEquals(lean, m.forward(false, x).toArray(), "again on the kept filters, batch " + n);
            }
        }
    }

    @Test
    void kernelsThatDoNotFuseRunTheStepsApartWithTheSameBits() {
        // the reference loops fuse nothing: every normalisation and sum runs in ConvRuntime's own steps
        Model m = model(3, new org.convkit.ops.ReferenceConv2dKernel());
        assertEquals(0, m.channelsLastLayers());
        for (int n : new int[]{1, 5}) {
            Tensor x = input(n, 20 + n);
            float[] lean = m.forward(false, x).toArray();
            assertArrayEquals(nodeByNode(m, x), lean, "batch " + n);
        }
    }

    @Test
    void leanPassesFollowChangedStatistics() {
        Model m = model(4);
        Tensor x = input(1, 5);
        float[] before = m.forward(false, x).toArray();
        Tensor mean = m.parameter("bn2.running_mean").value().copy();
        for (int i = 0; i < mean.size(); i++) mean.data()[i] += 0.25f;
        m.setParameter("bn2.running_mean", mean);
        float[] after = m.forward(false, x).toArray();
        assertFalse(Arrays.equals(before, after), "bn2's new mean reached the output");
        assertArrayEquals(nodeByNode(m, x), after);
    }

    @Test
    void backwardAfterALeanPassSeesTheNodeByNodeValues() {
        Model m = Model.create(spec(false), 5), ref = m.copy();
        assertEquals(2, m.leanFusions(), "the two residual sums");
        assertEquals(FEW_CHANNELS ? 3 : 2, m.channelsLastLayers());
        Tensor x = input(2, 6);
        m.forward(false, x);
        ref.forward(false, x);
        Tensor g = Tensor.zeros(2, 4);
        for (int i = 0; i < g.size(); i++) g.data()[i] = (i % 3 - 1) * 0.5f;
        m.backward(g);
        ref.backward(g);
        for (Parameter p : m.parameters().values()) {
            if (!p.trainable()) continue;
            assertArrayEquals(ref.parameter(p.name()).grad().toArray(), p.grad().toArray(), p.name());
        }
        assertTrue(Arrays.stream(toDoubles(m.parameter("conv1.weight").grad().toArray())).anyMatch(v -> v != 0),
                "conv1 has a gradient");
    }
}
