package org.convkit.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A learning rate as a function of training progress. {@link Trainer} asks for the rate before
 * every optimiser step and sets it on the optimiser. Implementations are settings records that
 * Jackson writes and reads; {@link #rate} is a pure function.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ConstantRate.class, name = "constant"),
        @JsonSubTypes.Type(value = StepDecay.class, name = "stepDecay"),
        @JsonSubTypes.Type(value = CosineAnnealing.class, name = "cosine"),
        @JsonSubTypes.Type(value = LinearWarmup.class, name = "warmup")})
public interface LearningRateSchedule {

    /**
     * The learning rate of the next optimiser step.
     *
     * @param epoch         epochs completed before this one (0 in the first epoch)
     * @param step          steps completed in this epoch (0 for its first batch)
     * @param stepsPerEpoch batches per epoch ({@code > 0})
     * @param base          the optimiser's base learning rate
     */
    double rate(int epoch, int step, int stepsPerEpoch, double base);

    /** Steps completed before this one over the whole run: {@code epoch * stepsPerEpoch + step}. */
    static long globalStep(int epoch, int step, int stepsPerEpoch) {
        return (long) epoch * stepsPerEpoch + step;
    }
}
