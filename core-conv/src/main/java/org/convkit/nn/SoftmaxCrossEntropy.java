package org.convkit.nn;

import org.convkit.tensor.Tensor;

/**
 * Softmax cross-entropy on logits, computed stably with log-sum-exp. With label smoothing
 * {@code e} the target distribution is {@code (1-e)*onehot + e/K} (Szegedy et al. 2016). With
 * class weights {@code w}, example {@code i} counts {@code w[y_i]} and the mean divides by the sum of
 * those weights (PyTorch's {@code reduction='mean'} rule). Logits of any per-example shape are
 * treated as {@code K} = all their elements (e.g. the 361 board positions of a policy network).
 */
public record SoftmaxCrossEntropy(double[] classWeights, double labelSmoothing) implements Loss {

    public SoftmaxCrossEntropy {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (classWeights != null) {
            classWeights = classWeights.clone();
            for (double w : classWeights) {
                if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("class weights must be finite and >= 0");
            }
        }
    }

    /** Plain cross-entropy: no class weights, no smoothing. */
    public static SoftmaxCrossEntropy plain() {
        return new SoftmaxCrossEntropy(null, 0);
    }

    @Override
    public double compute(Tensor output, Tensor target, Tensor grad) {
        int n = output.dim(0), k = output.size() / n;
        if (target.size() != n) {
            throw new IllegalArgumentException("SoftmaxCrossEntropy: " + target.size() + " labels for " + n + " examples");
        }
        if (classWeights != null && classWeights.length != k) {
            throw new IllegalArgumentException("SoftmaxCrossEntropy: " + classWeights.length + " class weights for " + k + " classes");
        }
        float[] z = output.data(), t = target.data(), g = grad.data();
        double total = 0, wsum = 0;
        double eps = labelSmoothing;
        for (int i = 0; i < n; i++) {
            int y = (int) t[i];
            if (y != t[i] || y < 0 || y >= k) {
                throw new IllegalArgumentException("SoftmaxCrossEntropy: label of example " + i + " is " + t[i]
                        + ", expected a class index in [0, " + k + ")");
            }
            wsum += classWeights == null ? 1 : classWeights[y];
        }
        if (wsum == 0) throw new IllegalArgumentException("SoftmaxCrossEntropy: every example in the batch has weight 0");
        for (int i = 0; i < n; i++) {
            int o = i * k, y = (int) t[i];
            double w = (classWeights == null ? 1 : classWeights[y]) / wsum;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, z[o + c]);
            double se = 0;
            for (int c = 0; c < k; c++) se += Math.exp(z[o + c] - max);
            double lse = max + Math.log(se);
            double li = 0;
            for (int c = 0; c < k; c++) {
                double q = (c == y ? 1 - eps : 0) + eps / k;
                double p = Math.exp(z[o + c] - lse);
                if (q > 0) li -= q * (z[o + c] - lse);
                g[o + c] = (float) (w * (p - q));
            }
            total += w * li;
        }
        return total;
    }
}
