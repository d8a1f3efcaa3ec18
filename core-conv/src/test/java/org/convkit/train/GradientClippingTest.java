package org.convkit.train;

import org.convkit.nn.Model;
import org.convkit.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientClippingTest {

    @Test
    void clipByGlobalNormMatchesTorchClipGradNorm() {
        Model m = TinyModels.denseWithBatchNorm();
        Parameter a = m.parameter("dense.weight"), b = m.parameter("dense.bias");
        System.arraycopy(OptimizersTest.GRADS[0], 0, a.grad().data(), 0, 6);
        b.grad().data()[0] = 1.5f;
        b.grad().data()[1] = -0.5f;
        double norm = GradientClipping.byNorm(1.0).apply(List.of(a, b));
        // torch.nn.utils.clip_grad_norm_([a, b], 1.0) in PyTorch 1.13 (src/test/python/optimizer_reference.py)
        assertEquals(2.6177279949188232, norm, 1e-6);
        OptimizersTest.assertClose(new float[]{0.038201053f, -0.11460316f, 0.19100526f, 0.0f, -0.76402104f, 0.019100526f},
                a.grad().toArray(), "clipped weight gradient");
        OptimizersTest.assertClose(new float[]{0.5730158f, -0.19100526f}, b.grad().toArray(), "clipped bias gradient");
    }

    @Test
    void gradientsWithinTheNormAreLeftAlone() {
        Model m = TinyModels.denseWithBatchNorm();
        Parameter b = m.parameter("dense.bias");
        b.grad().data()[0] = 0.3f;
        b.grad().data()[1] = -0.4f;
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(b), 1.0), 1e-7);
        assertArrayEquals(new float[]{0.3f, -0.4f}, b.grad().toArray());
    }

    @Test
    void clipByValueClampsEachElementOfTrainableParametersOnly() {
        Model m = TinyModels.denseWithBatchNorm();
        Parameter a = m.parameter("dense.weight"), rm = m.parameter("bn.running_mean");
        System.arraycopy(OptimizersTest.GRADS[0], 0, a.grad().data(), 0, 6);
        rm.grad().fill(5f);
        GradientClipping.byValue(0.25).apply(List.of(a, rm));
        assertArrayEquals(new float[]{0.1f, -0.25f, 0.25f, 0.0f, -0.25f, 0.05f}, a.grad().toArray());
        assertArrayEquals(new float[]{5f, 5f}, rm.grad().toArray());
    }
}
