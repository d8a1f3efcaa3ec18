package org.convkit.train;

/**
 * Settings of Adadelta (Zeiler 2012) as in PyTorch's {@code torch.optim.Adadelta}, whose update
 * is multiplied by a learning rate (1.0 gives Zeiler's rule).
 *
 * @param learningRate multiplier of the update; 1.0 as in Zeiler (2012) and Kim (2014)
 * @param rho          decay of the running averages; 0.95 as in Kim (2014)
 * @param eps          added inside the square roots; 1e-6 as in Kim (2014) and PyTorch
 * @param weightDecay  L2 coefficient added to the gradient; default 0
 */
public record AdadeltaSettings(double learningRate, double rho, double eps, double weightDecay) implements OptimizerSettings {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public AdadeltaSettings {
        Optimizer.checkRate(learningRate);
        if (!(rho >= 0 && rho <= 1)) throw new IllegalArgumentException("Adadelta rho must be in [0, 1], got " + rho);
        if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("Adadelta eps must be finite and > 0, got " + eps);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Adadelta weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** Kim (2014)'s settings: learning rate 1.0, rho 0.95, eps 1e-6, no weight decay. */
    public static AdadeltaSettings kim2014() {
        return new AdadeltaSettings(1.0, 0.95, 1e-6, 0);
    }

    /** The same with L2 weight decay {@code wd}. */
    public AdadeltaSettings withWeightDecay(double wd) {
        return new AdadeltaSettings(learningRate, rho, eps, wd);
    }

    @Override
    public Adadelta create() {
        return new Adadelta(this);
    }
}
