package org.convkit.train;

import org.convkit.nn.Parameter;

import java.util.List;

/**
 * Gradient clipping settings, applied after backpropagation and before the optimiser step.
 * First each gradient element is clamped to {@code [-maxValue, maxValue]}
 * ({@code torch.nn.utils.clip_grad_value_}), then all gradients together are scaled by
 * {@code min(1, maxNorm / (globalNorm + 1e-6))}, where {@code globalNorm} is the L2 norm of all
 * trainable parameters' gradients concatenated ({@code torch.nn.utils.clip_grad_norm_}).
 * A bound of 0 turns that kind of clipping off.
 *
 * @param maxNorm  bound on the global L2 norm; 0 for none
 * @param maxValue bound on each element's magnitude; 0 for none
 */
public record GradientClipping(double maxNorm, double maxValue) {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public GradientClipping {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) throw new IllegalArgumentException("maxNorm must be finite and >= 0, got " + maxNorm);
        if (!(maxValue >= 0) || Double.isInfinite(maxValue)) throw new IllegalArgumentException("maxValue must be finite and >= 0, got " + maxValue);
    }

    /** No clipping. */
    public static GradientClipping none() {
        return new GradientClipping(0, 0);
    }

    /** Clipping by global L2 norm only. */
    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(maxNorm, 0);
    }

    /** Clipping by element value only. */
    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(0, maxValue);
    }

    /** Whether this clips anything. */
    public boolean enabled() {
        return maxNorm > 0 || maxValue > 0;
    }

    /**
     * Clips the gradients of the trainable parameters in {@code params} in place.
     *
     * @return the global L2 norm of the gradients after value clipping and before norm clipping
     */
    public double apply(List<Parameter> params) {
        if (maxValue > 0) clipByValue(params, maxValue);
        if (maxNorm > 0) return clipByGlobalNorm(params, maxNorm);
        return globalNorm(params);
    }

    /** The L2 norm of the gradients of all trainable parameters in {@code params}, concatenated. */
    public static double globalNorm(List<Parameter> params) {
        double ss = 0;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!p.trainable()) continue;
            float[] g = p.grad().data();
            for (int k = 0, n = p.size(); k < n; k++) ss += (double) g[k] * g[k];
        }
        return Math.sqrt(ss);
    }

    /**
     * Scales the gradients of the trainable parameters by {@code min(1, maxNorm / (norm + 1e-6))}
     * as {@code torch.nn.utils.clip_grad_norm_} does.
     *
     * @return the global norm before scaling
     */
    public static double clipByGlobalNorm(List<Parameter> params, double maxNorm) {
        double norm = globalNorm(params);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                if (!p.trainable()) continue;
                float[] g = p.grad().data();
                for (int k = 0, n = p.size(); k < n; k++) g[k] *= c;
            }
        }
        return norm;
    }

    /** Clamps every gradient element of the trainable parameters to {@code [-maxValue, maxValue]}. */
    public static void clipByValue(List<Parameter> params, double maxValue) {
        float hi = (float) maxValue, lo = -hi;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!p.trainable()) continue;
            float[] g = p.grad().data();
            for (int k = 0, n = p.size(); k < n; k++) g[k] = Math.max(lo, Math.min(hi, g[k]));
        }
    }
}
