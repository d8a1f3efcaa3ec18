package org.convkit.train;

/** The base learning rate throughout. */
public record ConstantRate() implements LearningRateSchedule {

    /** Returns {@code base}. */
    @Override
    public double rate(int epoch, int step, int stepsPerEpoch, double base) {
        return base;
    }
}
