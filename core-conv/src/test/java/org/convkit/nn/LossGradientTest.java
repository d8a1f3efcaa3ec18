package org.convkit.nn;

import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The losses' values against hand-computed cases and their gradients against central differences. */
class LossGradientTest {

    @Test
    void softmaxCrossEntropyOfUniformLogitsIsLogK() {
        Tensor z = Tensor.zeros(2, 4), g = Tensor.zeros(2, 4);
        double l = SoftmaxCrossEntropy.plain().compute(z, Tensor.of(new float[]{1, 3}, 2), g);
        assertEquals(Math.log(4), l, 1e-12);
        // dL/dz = (p - onehot) / N = (0.25 - 1)/2 at the label, 0.25/2 elsewhere
        assertEquals(-0.375, g.get(0, 1), 1e-7);
        assertEquals(0.125, g.get(0, 0), 1e-7);
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        Tensor z = Tensor.of(new float[]{1000, -1000, 0}, 1, 3), g = Tensor.zeros(1, 3);
        double l = SoftmaxCrossEntropy.plain().compute(z, Tensor.of(new float[]{1}, 1), g);
        assertEquals(2000, l, 1e-9);
        assertTrue(Float.isFinite(g.get(0, 0)));
    }

    @Test
    void labelSmoothingAndClassWeightsFollowTheirDefinitions() {
        // one example, K = 2, logits (0, 0): p = (0.5, 0.5); smoothing 0.2 -> q = (0.9, 0.1) for label 0
        Tensor z = Tensor.zeros(1, 2), g = Tensor.zeros(1, 2);
        double l = new SoftmaxCrossEntropy(null, 0.2).compute(z, Tensor.of(new float[]{0}, 1), g);
        assertEquals(Math.log(2), l, 1e-12);
        assertEquals(0.5 - 0.9, g.get(0, 0), 1e-7);
        // weights (1, 3), labels (0, 1) with losses l0, l1: mean = (1*l0 + 3*l1) / 4
        Tensor z2 = Tensor.of(new float[]{2, 0, 0, 1}, 2, 2), g2 = Tensor.zeros(2, 2);
        double l0 = Math.log(1 + Math.exp(-2)), l1 = Math.log(1 + Math.exp(-1));
        double lw = new SoftmaxCrossEntropy(new double[]{1, 3}, 0).compute(z2, Tensor.of(new float[]{0, 1}, 2), g2);
        assertEquals((l0 + 3 * l1) / 4, lw, 1e-7);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        SplittableRandom r = new SplittableRandom(9);
        Loss[] losses = {SoftmaxCrossEntropy.plain(), new SoftmaxCrossEntropy(new double[]{0.5, 2, 1, 1.5}, 0.1),
                BinaryCrossEntropy.plain(), new BinaryCrossEntropy(2.5)};
        for (Loss loss : losses) {
            Tensor z = Tensor.zeros(3, 4), g = Tensor.zeros(3, 4);
            for (int i = 0; i < 12; i++) z.data()[i] = (float) (r.nextDouble() * 6 - 3);
            Tensor t = loss instanceof SoftmaxCrossEntropy ? Tensor.of(new float[]{0, 3, 2}, 3) : Tensor.zeros(3, 4);
            if (loss instanceof BinaryCrossEntropy) for (int i = 0; i < 12; i++) t.data()[i] = r.nextInt(2);
            loss.compute(z, t, g);
            for (int i = 0; i < 12; i++) {
                float orig = z.data()[i];
                float h = 1e-2f;
                z.data()[i] = orig + h;
                double lp = loss.compute(z, t, Tensor.zeros(3, 4));
                z.data()[i] = orig - h;
                double lm = loss.compute(z, t, Tensor.zeros(3, 4));
                z.data()[i] = orig;
                assertEquals((lp - lm) / (2 * h), g.data()[i], 2e-4, loss + " element " + i);
            }
        }
    }

    @Test
    void badLabelsAreReportedWithTheExample() {
        Tensor z = Tensor.zeros(2, 3), g = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.plain().compute(z, Tensor.of(new float[]{0, 3}, 2), g));
        assertTrue(e.getMessage().contains("example 1"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> BinaryCrossEntropy.plain().compute(z, Tensor.of(new float[]{0, 1, 2, 0, 0, 0}, 2, 3), g));
        assertTrue(e2.getMessage().contains("target 2"), e2.getMessage());
    }
}
