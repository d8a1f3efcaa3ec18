package org.convkit.train;

import org.convkit.nn.Parameter;

import java.util.List;

/**
 * Updates parameters in place from the gradients of the last {@link org.convkit.nn.Model#backward}
 * call. Implementations follow the update rules of PyTorch's {@code torch.optim} classes of the
 * same name. An optimiser keeps per-parameter state (momentum buffers, moment estimates), keyed
 * by parameter name, which {@link #exportState()} and {@link #importState} move to and from
 * checkpoints.
 *
 * <p>Not thread-safe; {@link #step} allocates only on the first step of each parameter.
 */
public interface Optimizer {

    /**
     * One update of every trainable parameter in {@code params} from its {@link Parameter#grad()}.
     * Parameters with {@link Parameter#trainable()} false are skipped and get no state.
     * Increments {@link #steps()} once per call.
     */
    void step(List<Parameter> params);

    /** The learning rate the next {@link #step} uses. */
    double learningRate();

    /**
     * Sets the learning rate for the following steps (schedules call this before each step).
     *
     * @throws IllegalArgumentException if {@code rate} is negative, NaN or infinite
     */
    void setLearningRate(double rate);

    /** Number of {@link #step} calls so far (including steps of an imported state). */
    long steps();

    /** The settings this optimiser was created from (their learning rate is the base rate). */
    OptimizerSettings settings();

    /** A copy of the per-parameter state and step count, for a checkpoint. */
    OptimizerState exportState();

    /**
     * Replaces the state with a copy of {@code state} (from {@link #exportState()} of an optimiser
     * of the same kind).
     *
     * @throws IllegalArgumentException if a key names a slot this optimiser does not have
     */
    void importState(OptimizerState state);

    /** Checks a learning rate: finite and {@code >= 0}. */
    static double checkRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + rate);
        }
        return rate;
    }
}
