package org.convkit.train;

/**
 * Settings of Adam (Kingma and Ba 2015) and AdamW (Loshchilov and Hutter 2019) as in PyTorch's
 * {@code torch.optim.Adam} and {@code torch.optim.AdamW} (without AMSGrad).
 *
 * @param learningRate         step size ({@code lr}); PyTorch's default 1e-3
 * @param beta1                decay of the first-moment estimate; default 0.9
 * @param beta2                decay of the second-moment estimate; default 0.999
 * @param eps                  added to the denominator; default 1e-8
 * @param weightDecay          Adam: L2 coefficient added to the gradient; AdamW: decoupled decay,
 *                             {@code w *= 1 - lr * weightDecay} before the update (default 0 for
 *                             Adam, 0.01 for AdamW)
 * @param decoupledWeightDecay true for AdamW, false for Adam
 */
public record AdamSettings(double learningRate, double beta1, double beta2, double eps, double weightDecay,
                           boolean decoupledWeightDecay) implements OptimizerSettings {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public AdamSettings {
        Optimizer.checkRate(learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
        if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("Adam eps must be finite and >= 0, got " + eps);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Adam weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8, no weight decay) and the given rate. */
    public static AdamSettings adam(double learningRate) {
        return new AdamSettings(learningRate, 0.9, 0.999, 1e-8, 0, false);
    }

    /** AdamW with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8, weight decay 0.01) and the given rate. */
    public static AdamSettings adamW(double learningRate) {
        return new AdamSettings(learningRate, 0.9, 0.999, 1e-8, 0.01, true);
    }

    /** The same with weight decay {@code wd} (L2 for Adam, decoupled for AdamW). */
    public AdamSettings withWeightDecay(double wd) {
        return new AdamSettings(learningRate, beta1, beta2, eps, wd, decoupledWeightDecay);
    }

    /** The same with moment decays {@code b1} and {@code b2}. */
    public AdamSettings withBetas(double b1, double b2) {
        return new AdamSettings(learningRate, b1, b2, eps, weightDecay, decoupledWeightDecay);
    }

    /** The same with denominator term {@code e}. */
    public AdamSettings withEps(double e) {
        return new AdamSettings(learningRate, beta1, beta2, e, weightDecay, decoupledWeightDecay);
    }

    /** An {@link AdamW} when {@link #decoupledWeightDecay()}, else an {@link Adam}. */
    @Override
    public Adam create() {
        return decoupledWeightDecay ? new AdamW(this) : new Adam(this);
    }
}
