package org.convkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.convkit.check.GradientCheck;
import org.convkit.tensor.Tensor;
import org.convkit.train.Optimizer;
import org.convkit.train.SgdSettings;
import org.junit.jupiter.api.Test;

/**
 * Single-example inference keeps each Winograd layer's transformed filters between calls; every
 * way the weights change (an optimiser step, {@link Model#setParameter}, a direct write followed
 * by {@link Parameter#markChanged}, the gradient check's perturbations) reaches the next pass.
 * The reference for "the current weights" is a {@link Model#copy}, whose layers keep nothing yet.
 */
class KeptFiltersTest {

    /** A 5-wide conv (Winograd along the width), a 3x3 conv of 24 channels (F(4x4,3x3)) and one of 72 (F(2x2,3x3)). */
    private static ModelSpec spec() {
        return spec(true);
    }

    /**
     * The three convolutions with ReLU after each (fused into the convolutions) or, for the
     * gradient check, tanh: finite differences across thousands of ReLU kinks miss by a few per
     * cent whichever kernel computes the layers.
     */
    private static ModelSpec spec(boolean relu) {
        ModelBuilder b = new ModelBuilder("kept");
        Node x = b.input("x", 18, 9, 12)
                .then("wide5", Conv2d.of(24, 5).withPadding(Padding.of(2))).then("a1", relu ? new Relu() : new Tanh())
                .then("narrow3", Conv2d.of(20, 3).withPadding(Padding.of(1))).then("a2", relu ? new Relu() : new Tanh())
                .then("wide3", Conv2d.of(72, 3).withPadding(Padding.of(1))).then("a3", relu ? new Relu() : new Tanh())
                .then("flat", new Flatten()).then("fc", Dense.of(3));
        return b.build(x);
    }

    private static Tensor input(int n, long seed) {
        Tensor x = Tensor.zeros(n, 18, 9, 12);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    private static float[] single(Model m, Tensor x) {
        return m.forward(false, x).toArray();
    }

    @Test
    void singleExampleInferenceFollowsEveryOptimizerStep() {
        Model m = Model.create(spec(), 7);
        Tensor one = input(1, 1), batch = input(4, 2);
        float[] before = single(m, one);
        assertArrayEquals(before, single(m, one), "a second pass on the kept filters");
        Optimizer sgd = SgdSettings.of(0.05).create();
        List<Parameter> params = List.copyOf(m.parameters().values());
        for (int step = 0; step < 3; step++) {
            Tensor out = m.forward(true, batch);
            Tensor g = Tensor.zeros(out.shape());
            for (int i = 0; i < g.size(); i++) g.data()[i] = ((i * 7) % 5 - 2) * 0.1f;
            m.backward(g);
            sgd.step(params);
            assertArrayEquals(single(m.copy(), one), single(m, one), "after step " + step);
        }
        assertFalse(Arrays.equals(before, single(m, one)), "the steps changed the output");
    }

    @Test
    void anOptimizerStepMarksTheParametersItUpdates() {
        Model m = Model.create(spec(), 8);
        Parameter w = m.parameter("wide3.weight");
        w.grad().fill(1f);
        long version = w.version();
        SgdSettings.of(0.01).create().step(List.of(w));
        assertTrue(w.version() != version, "the step marked the weights changed");
    }

    @Test
    void setParameterAndMarkedWritesReachSingleExampleInference() {
        Model m = Model.create(spec(), 9);
        Tensor one = input(1, 3);
        single(m, one);
        Parameter w = m.parameter("wide3.weight");
        Tensor halved = w.value().copy();
        for (int i = 0; i < halved.size(); i++) halved.data()[i] *= 0.5f;
        m.setParameter("wide3.weight", halved);
        assertArrayEquals(single(m.copy(), one), single(m, one), "after setParameter");
        float[] v = m.parameter("wide5.weight").value().data();
        for (int i = 0; i < v.length; i += 3) v[i] = -v[i];
        m.parameter("wide5.weight").markChanged();
        v = m.parameter("narrow3.weight").value().data();
        for (int i = 0; i < v.length; i += 2) v[i] = 0f;
        m.parameter("narrow3.weight").markChanged();
        assertArrayEquals(single(m.copy(), one), single(m, one), "after direct writes marked as changes");
    }

    @Test
    void gradientCheckInInferenceModeSeesItsPerturbations() {
        // each perturbed coordinate is marked, so single-example passes do not run on kept filters
        Model m = Model.create(spec(false), 10);
        GradientCheck.Options o = GradientCheck.Options.defaults().withTraining(false).withStep(1e-3);
        for (GradientCheck.Result res : GradientCheck.check(m, new Tensor[]{input(1, 4)}, false, o)) {
            assertTrue(res.passed(), res.toString());
            assertTrue(res.checked() > 0, res.tensor() + ": coordinates checked");
        }
    }
}
