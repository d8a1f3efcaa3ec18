package org.convkit.nn;

import org.convkit.tensor.Tensor;

/**
 * Binary cross-entropy on logits, element-wise, averaged over all elements:
 * {@code max(z,0) - z*t + log(1 + exp(-|z|))}, stable for any {@code z}. {@code positiveWeight}
 * scales the loss of positive targets (PyTorch's {@code pos_weight}); 1 leaves it plain.
 */
public record BinaryCrossEntropy(double positiveWeight) implements Loss {

    public BinaryCrossEntropy {
        if (!(positiveWeight > 0) || Double.isInfinite(positiveWeight)) {
            throw new IllegalArgumentException("positiveWeight must be finite and > 0, got " + positiveWeight);
        }
    }

    /** Unweighted. */
    public static BinaryCrossEntropy plain() {
        return new BinaryCrossEntropy(1);
    }

    @Override
    public double compute(Tensor output, Tensor target, Tensor grad) {
        if (target.size() != output.size()) {
            throw new IllegalArgumentException("BinaryCrossEntropy: " + target.size() + " targets for " + output.size() + " outputs");
        }
        float[] z = output.data(), t = target.data(), g = grad.data();
        int m = output.size();
        double total = 0;
        for (int e = 0; e < m; e++) {
            double x = z[e], y = t[e];
            if (!(y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("BinaryCrossEntropy: target " + e + " is " + y + ", expected a value in [0, 1]");
            }
            // -[pw*y*log s(x) + (1-y)*log(1-s(x))], with log s(x) = -softplus(-x), log(1-s(x)) = -softplus(x)
            double spNeg = Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            double spPos = spNeg + x;
            total += positiveWeight * y * spNeg + (1 - y) * spPos;
            double s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            g[e] = (float) ((positiveWeight * y * (s - 1) + (1 - y) * s) / m);
        }
        return total / m;
    }
}
