package org.convkit.train;

import org.convkit.nn.Model;
import org.convkit.nn.Parameter;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three steps of each optimiser on a 2x3 parameter with fixed gradients, against the values
 * PyTorch 1.13's torch.optim gives (float32; produced by src/test/python/optimizer_reference.py).
 */
class OptimizersTest {
    static final float[] W0 = {0.5f, -1.2f, 2.0f, 0.0f, 3.0f, -0.7f};
    static final float[][] GRADS = {
            {0.1f, -0.3f, 0.5f, 0.0f, -2.0f, 0.05f},
            {0.2f, 0.1f, -0.4f, 0.3f, -1.5f, 0.0f},
            {-0.05f, 0.25f, 0.6f, -0.1f, 0.8f, 0.02f},
    };

    private Model model;
    private Parameter weight;
    private Parameter runningMean;

    private float[][] run(Optimizer opt) {
        model = TinyModels.denseWithBatchNorm();
        weight = model.parameter("dense.weight");
        runningMean = model.parameter("bn.running_mean");
        model.setParameter("dense.weight", Tensor.of(W0, 2, 3));
        float[] rm = runningMean.value().toArray();
        float[][] after = new float[3][];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(GRADS[k], 0, weight.grad().data(), 0, 6);
            runningMean.grad().fill(1f); // must be ignored: the parameter is not trainable
            opt.step(List.of(weight, runningMean));
            after[k] = weight.value().toArray();
        }
        assertArrayEquals(rm, runningMean.value().toArray(), "a non-trainable parameter was updated");
        return after;
    }

    /** Float32 results can differ from PyTorch's by rounding: allow 4 units in the last place. */
    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float tol = 4 * Math.ulp(Math.max(Math.abs(expected[i]), 1e-3f));
            assertEquals(expected[i], actual[i], tol, what + " element " + i);
        }
    }

    private static void assertSteps(float[][] expected, float[][] actual) {
        for (int k = 0; k < 3; k++) assertClose(expected[k], actual[k], "after step " + (k + 1));
    }

    @Test
    void plainSgdMatchesTorch() {
        float[][] torch = {
                {0.49f, -1.1700001f, 1.95f, 0.0f, 3.2f, -0.705f},
                {0.47f, -1.1800001f, 1.99f, -0.030000001f, 3.3500001f, -0.705f},
                {0.475f, -1.205f, 1.93f, -0.020000001f, 3.2700002f, -0.70699996f}};
        assertSteps(torch, run(SgdSettings.of(0.1).create()));
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecayMatchesTorch() {
        Sgd sgd = SgdSettings.of(0.1).withMomentum(0.9, true).withWeightDecay(0.01).create();
        float[][] torch = {
                {0.48005f, -1.14072f, 1.9012f, 0.0f, 3.3743f, -0.70817f},
                {0.4326329f, -1.1322806f, 1.9314678f, -0.057f, 3.8124588f, -0.7103075f},
                {0.41706756f, -1.1620605f, 1.8067499f, -0.062191702f, 3.9155948f, -0.715319f}};
        assertSteps(torch, run(sgd));
        assertClose(new float[]{0.22369677f, 0.065690726f, 0.6976255f, 0.16943002f, -2.0772066f, 0.041353397f},
                sgd.exportState().slots().get("dense.weight/momentum_buffer"), "momentum buffer");
        assertEquals(3, sgd.steps());
    }

    @Test
    void sgdWithDampeningStartsTheBufferAtTheFirstGradient() {
        float[][] torch = {
                {0.495f, -1.1850001f, 1.975f, 0.0f, 3.1f, -0.7025f},
                {0.484f, -1.1765001f, 1.969f, -0.010500001f, 3.2324998f, -0.70449996f},
                {0.47695f, -1.1784501f, 1.9432f, -0.015400002f, 3.3105f, -0.7068f}};
        assertSteps(torch, run(SgdSettings.of(0.05).withMomentum(0.8, false).withDampening(0.3).create()));
    }

    @Test
    void adamWithL2WeightDecayMatchesTorch() {
        Adam adam = AdamSettings.adam(0.01).withWeightDecay(0.1).create();
        assertFalse(adam instanceof AdamW);
        float[][] torch = {
                {0.49f, -1.19f, 1.99f, 0.0f, 3.01f, -0.69f},
                {0.4801687f, -1.1829699f, 1.9856147f, -0.0074413675f, 3.0197651f, -0.68098795f},
                {0.47261286f, -1.1796958f, 1.9786094f, -0.010859501f, 3.023442f, -0.6716449f}};
        assertSteps(torch, run(adam));
        Map<String, float[]> slots = adam.exportState().slots();
        assertEquals(List.of("dense.weight/exp_avg", "dense.weight/exp_avg_sq"), List.copyOf(slots.keySet()));
        assertClose(new float[]{0.03436169f, -0.022559704f, 0.118466154f, 0.016925586f, -0.13541234f, -0.012639879f},
                slots.get("dense.weight/exp_avg"), "exp_avg");
        assertClose(new float[]{8.4397965e-05f, 0.00019375372f, 0.0011670816f, 0.00010005939f, 0.0055347392f, 7.4689337e-06f},
                slots.get("dense.weight/exp_avg_sq"), "exp_avg_sq");
    }

    @Test
    void adamWDecouplesWeightDecayAsTorch() {
        Adam adamW = AdamSettings.adamW(0.01).withWeightDecay(0.1).create();
        assertTrue(adamW instanceof AdamW);
        float[][] torch = {
                {0.48950002f, -1.1888001f, 1.988f, 0.0f, 3.007f, -0.7093f},
                {0.4793587f, -1.1836091f, 1.9854308f, -0.0074413675f, 3.0138187f, -0.71529126f},
                {0.47299328f, -1.1839635f, 1.9787478f, -0.010869652f, 3.01609f, -0.72175896f}};
        assertSteps(torch, run(adamW));
    }

    @Test
    void adadeltaWithKimSettingsMatchesTorch() {
        Adadelta ad = AdadeltaSettings.kim2014().create();
        float[][] torch = {
                {0.49553233f, -1.1955284f, 1.9955281f, 0.0f, 3.004472f, -0.70445436f},
                {0.48985097f, -1.1975746f, 1.9995404f, -0.0044716396f, 3.008329f, -0.70445436f},
                {0.49174693f, -1.2017713f, 1.994355f, -0.0024253894f, 3.0060055f, -0.70686406f}};
        assertSteps(torch, run(ad));
        Map<String, float[]> slots = ad.exportState().slots();
        assertClose(new float[]{0.0024762503f, 0.0076612504f, 0.036881253f, 0.0047750003f, 0.319375f, 0.0001328125f},
                slots.get("dense.weight/square_avg"), "square_avg");
        assertClose(new float[]{2.613636e-06f, 1.981783e-06f, 3.011631e-06f, 1.1591462e-06f, 1.8790084e-06f, 1.1856631e-06f},
                slots.get("dense.weight/acc_delta"), "acc_delta");
    }

    @Test
    void adadeltaWithLearningRateAndWeightDecayMatchesTorch() {
        float[][] torch = {
                {0.49841937f, -1.198419f, 1.9984189f, 0.0f, 3.0015812f, -0.70154715f},
                {0.49644184f, -1.1986796f, 1.9994617f, -0.001581051f, 3.0029445f, -0.6995044f},
                {0.49674731f, -1.1997845f, 1.9976407f, -0.0008393416f, 3.001885f, -0.6983646f}};
        assertSteps(torch, run(new AdadeltaSettings(0.5, 0.9, 1e-6, 0.05).create()));
    }

    @Test
    void importedStateContinuesExactlyAsAnUninterruptedRun() {
        float[][] straight = run(AdamSettings.adam(0.01).withWeightDecay(0.1).create());

        Adam first = AdamSettings.adam(0.01).withWeightDecay(0.1).create();
        model = TinyModels.denseWithBatchNorm();
        weight = model.parameter("dense.weight");
        model.setParameter("dense.weight", Tensor.of(W0, 2, 3));
        System.arraycopy(GRADS[0], 0, weight.grad().data(), 0, 6);
        first.step(List.of(weight));
        OptimizerState saved = first.exportState();

        Adam resumed = AdamSettings.adam(0.01).withWeightDecay(0.1).create();
        resumed.importState(saved);
        assertEquals(1, resumed.steps());
        for (int k = 1; k < 3; k++) {
            System.arraycopy(GRADS[k], 0, weight.grad().data(), 0, 6);
            resumed.step(List.of(weight));
        }
        assertArrayEquals(straight[2], weight.value().toArray());
    }

    @Test
    void importRejectsSlotsOfAnotherOptimizer() {
        Adam adam = AdamSettings.adam(0.01).create();
        OptimizerState sgdState = new OptimizerState(2, Map.of("dense.weight/momentum_buffer", new float[6]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.importState(sgdState));
        assertTrue(e.getMessage().contains("dense.weight/momentum_buffer"), e.getMessage());
    }

    @Test
    void scheduleSetsTheRateOfTheNextStep() {
        Sgd sgd = SgdSettings.of(0.1).create();
        sgd.setLearningRate(0.5);
        float[][] after = run(sgd);
        // w1 = w0 - 0.5 * g1 (element 0: 0.5 - 0.5*0.1)
        assertEquals(0.45f, after[0][0], 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN));
    }

    @Test
    void rejectsNesterovWithoutMomentum() {
        assertThrows(IllegalArgumentException.class, () -> new SgdSettings(0.1, 0, 0, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(AdamSettings.adam(0.01)));
        assertThrows(IllegalArgumentException.class, () -> new Adam(AdamSettings.adamW(0.01)));
    }
}
