package org.convkit.train;

/**
 * Settings of stochastic gradient descent as in PyTorch's {@code torch.optim.SGD}.
 *
 * @param learningRate step size ({@code lr})
 * @param momentum     momentum factor, 0 for none
 * @param dampening    dampening of the gradient added to the momentum buffer (PyTorch's default 0)
 * @param nesterov     Nesterov momentum (Sutskever et al. 2013 as formulated by PyTorch); needs
 *                     {@code momentum > 0} and {@code dampening == 0}
 * @param weightDecay  L2 penalty coefficient added to the gradient ({@code g + weightDecay * w})
 */
public record SgdSettings(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay)
        implements OptimizerSettings {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public SgdSettings {
        Optimizer.checkRate(learningRate);
        if (!(momentum >= 0) || Double.isInfinite(momentum)) {
            throw new IllegalArgumentException("SGD momentum must be finite and >= 0, got " + momentum);
        }
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("SGD dampening must be in [0, 1], got " + dampening);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD weightDecay must be finite and >= 0, got " + weightDecay);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static SgdSettings of(double learningRate) {
        return new SgdSettings(learningRate, 0, 0, false, 0);
    }

    /** The same with momentum {@code m} (classical, or Nesterov when {@code nesterov}). */
    public SgdSettings withMomentum(double m, boolean nest) {
        return new SgdSettings(learningRate, m, dampening, nest, weightDecay);
    }

    /** The same with L2 weight decay {@code wd}. */
    public SgdSettings withWeightDecay(double wd) {
        return new SgdSettings(learningRate, momentum, dampening, nesterov, wd);
    }

    /** The same with dampening {@code d}. */
    public SgdSettings withDampening(double d) {
        return new SgdSettings(learningRate, momentum, d, nesterov, weightDecay);
    }

    @Override
    public Sgd create() {
        return new Sgd(this);
    }
}
