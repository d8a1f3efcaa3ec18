package org.convkit.train;

import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.Embedding;
import org.convkit.nn.Flatten;
import org.convkit.nn.Init;
import org.convkit.nn.MaxOverTime;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.Node;
import org.convkit.nn.Parameter;
import org.convkit.nn.Relu;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row-sparse embedding updates (only the rows of the batch's tokens, the other rows' Adadelta
 * decays applied lazily) give the dense update's weights and optimiser state bit for bit.
 */
class EmbeddingSparseUpdateTest {
    private static final int VOCAB = 60, DIM = 4, TOKENS = 6, BATCH = 3, STEPS = 40;

    /** ids -> embedding (row 0 padding) -> conv over 2 tokens -> relu -> max over time -> dense 3. */
    private static Model model() {
        ModelBuilder b = new ModelBuilder("sparse-emb");
        Node x = b.input("ids", TOKENS)
                .then("emb", new Embedding(VOCAB, DIM, true, 0, Init.NORMAL))
                .then("conv", Conv2d.of(3, 2, DIM)).then(new Relu()).then("pool", new MaxOverTime())
                .then(new Flatten()).then("out", Dense.of(3));
        return Model.create(b.build(x), 11L);
    }

    /**
     * Step {@code s}'s token ids: mostly from a window of 12 ids that moves by 5 each step, so a
     * row goes untouched for several steps and comes back; rows 50..59 appear in the first two
     * steps and again only at step 35, rows 1..3 at steps 0 and 30 (long lazy catch-ups); id 0
     * (padding) appears now and then.
     */
    private static Tensor ids(int s, SplittableRandom r) {
        float[] v = new float[BATCH * TOKENS];
        for (int i = 0; i < v.length; i++) {
            int id = 4 + Math.floorMod(5 * s + r.nextInt(12), 46);
            if (i % 7 == 0) id = 0;
            if ((s < 2 || s == 35) && i % 4 == 1) id = 50 + r.nextInt(10);
            if ((s == 0 || s == 30) && i % 5 == 2) id = 1 + r.nextInt(3);
            v[i] = id;
        }
        return Tensor.of(v, BATCH, TOKENS);
    }

    private static Tensor labels(SplittableRandom r) {
        Tensor y = Tensor.zeros(BATCH);
        for (int i = 0; i < BATCH; i++) y.data()[i] = r.nextInt(3);
        return y;
    }

    /** Trains {@code steps} steps from step {@code first}, drawing batches from a generator seeded by the step. */
    private static void train(Model m, Optimizer opt, int first, int steps) {
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.plain();
        List<Parameter> params = new ArrayList<>(m.parameters().values());
        for (int s = first; s < first + steps; s++) {
            SplittableRandom r = new SplittableRandom(1000L + s);
            Tensor x = ids(s, r), y = labels(r);
            Tensor out = m.forward(true, x);
            Tensor grad = Tensor.zeros(out.shape());
            loss.compute(out, y, grad);
            m.backward(grad);
            opt.step(params);
        }
    }

    private static SlotOptimizer create(Supplier<Optimizer> factory, boolean sparse) {
        SlotOptimizer opt = (SlotOptimizer) factory.get();
        opt.sparseUpdates = sparse;
        return opt;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + " element " + i + ": dense " + expected[i] + ", sparse " + actual[i]);
            }
        }
    }

    private static void assertSameModelAndState(Model dense, Optimizer denseOpt, Model sparse, Optimizer sparseOpt) {
        for (Parameter p : dense.parameters().values()) {
            assertSameBits(p.value().data(), sparse.parameter(p.name()).value().data(), p.name());
        }
        OptimizerState a = denseOpt.exportState(), b = sparseOpt.exportState();
        assertEquals(a.steps(), b.steps());
        assertEquals(a.slots().keySet(), b.slots().keySet());
        for (Map.Entry<String, float[]> e : a.slots().entrySet()) assertSameBits(e.getValue(), b.slots().get(e.getKey()), e.getKey());
    }

    private static void assertSparseMatchesDense(Supplier<Optimizer> factory) {
        Model dense = model(), sparse = model();
        assertNotNull(sparse.parameter("emb.weight").sparseRows(), "a trainable embedding has a row-sparse gradient");
        SlotOptimizer denseOpt = create(factory, false), sparseOpt = create(factory, true);
        train(dense, denseOpt, 0, STEPS);
        train(sparse, sparseOpt, 0, STEPS);
        assertSameModelAndState(dense, denseOpt, sparse, sparseOpt);
        // the padding row never moved, and the embedding did learn
        for (int d = 0; d < DIM; d++) assertEquals(0f, sparse.parameter("emb.weight").value().get(0, d));
        assertTrue(!java.util.Arrays.equals(model().parameter("emb.weight").value().data(),
                sparse.parameter("emb.weight").value().data()));
    }

    @Test
    void adadeltaSparseRowsMatchDenseUpdateBitForBit() {
        assertSparseMatchesDense(() -> AdadeltaSettings.kim2014().create());
    }

    @Test
    void adadeltaWithFastDecaySparseRowsMatchDenseUpdateBitForBit() {
        // rho 0.05 takes the slots of rows untouched for 30+ steps through subnormals to zero,
        // where the lazy catch-up stops repeating
        assertSparseMatchesDense(() -> new AdadeltaSettings(0.5, 0.05, 1e-6, 0).create());
    }

    @Test
    void plainSgdSparseRowsMatchDenseUpdateBitForBit() {
        assertSparseMatchesDense(() -> SgdSettings.of(0.1).create());
    }

    @Test
    void densePathOptimisersStillMatch() {
        // momentum, weight decay and Adam move untouched rows: these keep the dense update
        assertSparseMatchesDense(() -> SgdSettings.of(0.05).withMomentum(0.9, false).create());
        assertSparseMatchesDense(() -> AdadeltaSettings.kim2014().withWeightDecay(0.01).create());
        assertSparseMatchesDense(() -> AdamSettings.adam(0.01).create());
    }

    @Test
    void checkpointInTheMiddleKeepsSparseAdadeltaBitForBit() {
        Supplier<Optimizer> factory = () -> AdadeltaSettings.kim2014().create();
        Model dense = model();
        SlotOptimizer denseOpt = create(factory, false);
        train(dense, denseOpt, 0, STEPS);

        // a run that exports mid-way and goes on (the export brings lagging rows up to date) ...
        Model goesOn = model();
        SlotOptimizer goesOnOpt = create(factory, true);
        train(goesOn, goesOnOpt, 0, 17);
        OptimizerState mid = goesOnOpt.exportState();
        train(goesOn, goesOnOpt, 17, STEPS - 17);
        assertSameModelAndState(dense, denseOpt, goesOn, goesOnOpt);

        // ... and one resumed from that checkpoint in a new model and optimiser
        Model resumed = model();
        Model before = model();
        SlotOptimizer beforeOpt = create(factory, false);
        train(before, beforeOpt, 0, 17);
        OptimizerState denseMid = beforeOpt.exportState();
        for (Map.Entry<String, float[]> e : denseMid.slots().entrySet()) {
            assertSameBits(e.getValue(), mid.slots().get(e.getKey()), "checkpoint " + e.getKey());
        }
        for (Parameter p : before.parameters().values()) resumed.setParameter(p.name(), p.value());
        SlotOptimizer resumedOpt = create(factory, true);
        resumedOpt.importState(mid);
        train(resumed, resumedOpt, 17, STEPS - 17);
        assertSameModelAndState(dense, denseOpt, resumed, resumedOpt);
    }

    @Test
    void frozenEmbeddingHasNoRowSparseGradient() {
        ModelBuilder b = new ModelBuilder("frozen");
        Node x = b.input("ids", TOKENS).then("emb", Embedding.of(VOCAB, DIM).frozen());
        assertNull(Model.create(b.build(x), 1L).parameter("emb.weight").sparseRows());
    }
}
