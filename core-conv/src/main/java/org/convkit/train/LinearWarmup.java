package org.convkit.train;

/**
 * Linear warm-up (Goyal et al. 2017) in front of another schedule: during the first
 * {@code steps} optimiser steps the rate of {@code then} is multiplied by {@code (s + 1) / steps},
 * where {@code s} counts completed steps, so it grows from {@code rate/steps} on the first step to
 * the full rate on step {@code steps}; from then on it is {@code then}'s rate. {@code then} sees
 * the same epoch and step counts (it is not shifted by the warm-up).
 *
 * @param steps number of warm-up steps ({@code > 0})
 * @param then  the schedule being warmed up; {@link ConstantRate} if null
 */
public record LinearWarmup(int steps, LearningRateSchedule then) implements LearningRateSchedule {

    /**
     * Checks the step count; a null {@code then} becomes {@link ConstantRate}.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public LinearWarmup {
        if (steps <= 0) throw new IllegalArgumentException("LinearWarmup steps must be > 0, got " + steps);
        if (then == null) then = new ConstantRate();
    }

    @Override
    public double rate(int epoch, int step, int stepsPerEpoch, double base) {
        double r = then.rate(epoch, step, stepsPerEpoch, base);
        long s = LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch);
        return s >= steps ? r : r * (s + 1) / steps;
    }
}
