package org.convkit.train;

/**
 * Cosine annealing (Loshchilov and Hutter 2017, without restarts; PyTorch's closed form of
 * {@code CosineAnnealingLR}): {@code min + (base - min) * (1 + cos(pi * t / period)) / 2}, where
 * {@code t} counts epochs (the rate changes once per epoch) or optimiser steps (the rate changes
 * every step). After {@code period} the rate stays at {@code min} (PyTorch's would rise again).
 *
 * @param period  length of the annealing, in epochs or steps ({@code > 0})
 * @param perStep true to count steps, false to count epochs
 * @param minRate the final rate ({@code eta_min}), {@code >= 0}
 */
public record CosineAnnealing(int period, boolean perStep, double minRate) implements LearningRateSchedule {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public CosineAnnealing {
        if (period <= 0) throw new IllegalArgumentException("CosineAnnealing period must be > 0, got " + period);
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("CosineAnnealing minRate must be finite and >= 0, got " + minRate);
        }
    }

    /** Annealing over {@code epochs} epochs down to {@code minRate}. */
    public static CosineAnnealing overEpochs(int epochs, double minRate) {
        return new CosineAnnealing(epochs, false, minRate);
    }

    /** Annealing over {@code steps} optimiser steps down to {@code minRate}. */
    public static CosineAnnealing overSteps(int steps, double minRate) {
        return new CosineAnnealing(steps, true, minRate);
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch, double base) {
        long t = perStep ? LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch) : epoch;
        if (t >= period) return minRate;
        return minRate + (base - minRate) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }
}
