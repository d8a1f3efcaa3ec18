package org.convkit.zoo;

import org.convkit.nn.Model;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Parameter;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four benchmark networks build with the public API, have PyTorch's parameter and
 * multiply-add counts (from shared/bench/peers/torch_bench.py --check), print a summary, and
 * learn: a few plain SGD steps on one fixed batch lower its loss.
 */
class ReferenceNetworksTest {

    static Stream<Arguments> networks() {
        // name, spec, trainable params, forward MACs (both as PyTorch counts them), batch, classes, lr, training-mode loss?
        return Stream.of(
                Arguments.of("kws-trad-pool2", ReferenceNetworks.kwsTradPool2(), 493_708L, 96_186_368L, 8, 12, 0.01, false),
                Arguments.of("kws-res15", ReferenceNetworks.kwsRes15(), 237_882L, 958_813_740L, 4, 12, 0.05, true),
                Arguments.of("text-kim", ReferenceNetworks.textKim(), 5_990_402L, 19_020_600L, 8, 2, 0.01, false),
                Arguments.of("alphago-policy", ReferenceNetworks.alphaGoPolicy(), 3_882_793L, 1_400_726_208L, 2, 361, 0.003, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void buildsWithTheRightCountsAndLearnsAFixedBatch(String name, ModelSpec spec, long params, long macs, int batch,
                                                      int classes, double lr, boolean trainingModeLoss) {
        Model m = Model.create(spec, 20240611L);
        assertEquals(params, m.trainableParameterCount(), name + " parameters");
        assertEquals(macs, m.macs(), name + " multiply-adds");
        String summary = m.summary();
        assertTrue(summary.contains(String.format("Trainable parameters: %,d", params)), summary);
        assertEquals(classes, m.outputShape().size());

        SplittableRandom r = new SplittableRandom(1);
        int[] shape = spec.inputs().get(0).shape().withBatch(batch);
        Tensor x = Tensor.zeros(shape);
        boolean ids = name.equals("text-kim");
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = ids ? r.nextInt(18_765) : name.equals("alphago-policy") ? r.nextInt(2) : (float) r.nextGaussian();
        }
        Tensor y = Tensor.zeros(batch);
        for (int i = 0; i < batch; i++) y.data()[i] = r.nextInt(classes);

        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.plain();
        double before = loss(m, loss, x, y, trainingModeLoss);
        for (int step = 0; step < 4; step++) {
            Tensor out = m.forward(true, x);
            Tensor g = Tensor.zeros(out.shape());
            double l = loss.compute(out, y, g);
            assertTrue(Double.isFinite(l));
            m.backward(g);
            for (Parameter p : m.parameters().values()) {
                if (!p.trainable()) continue;
                float[] v = p.value().data(), gr = p.grad().data();
                for (int i = 0; i < p.size(); i++) v[i] -= (float) (lr * gr[i]);
            }
        }
        double after = loss(m, loss, x, y, trainingModeLoss);
        assertTrue(after < before, name + ": loss " + before + " -> " + after);
    }

    private static double loss(Model m, SoftmaxCrossEntropy loss, Tensor x, Tensor y, boolean training) {
        Tensor out = m.forward(training, x);
        return loss.compute(out, y, Tensor.zeros(out.shape()));
    }
}
