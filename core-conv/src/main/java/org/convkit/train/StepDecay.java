package org.convkit.train;

/**
 * Step decay as PyTorch's {@code StepLR}: the base rate multiplied by {@code gamma} once every
 * {@code everyEpochs} epochs, {@code base * gamma^floor(epoch / everyEpochs)}.
 *
 * @param everyEpochs epochs between decays ({@code > 0})
 * @param gamma       factor per decay, in (0, 1] for a decay
 */
public record StepDecay(int everyEpochs, double gamma) implements LearningRateSchedule {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public StepDecay {
        if (everyEpochs <= 0) throw new IllegalArgumentException("StepDecay everyEpochs must be > 0, got " + everyEpochs);
        if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("StepDecay gamma must be finite and > 0, got " + gamma);
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch, double base) {
        return base * Math.pow(gamma, epoch / everyEpochs);
    }
}
