package org.convkit.nn;

import org.convkit.tensor.Tensor;

/**
 * A learned (or, for running statistics, tracked) tensor of a model, with its gradient.
 * Names are {@code node.param}, e.g. {@code conv1.weight}. Gradients are those of the last
 * {@link Model#backward} call (the model zeroes them at the start of each backward pass).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean trainable;

    Parameter(String name, Tensor value, boolean trainable) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
        this.trainable = trainable;
    }

    /** {@code node.param}. */
    public String name() {
        return name;
    }

    /** The values; optimisers update this tensor in place. */
    public Tensor value() {
        return value;
    }

    /** dL/d(value) from the last backward pass. */
    public Tensor grad() {
        return grad;
    }

    /** Whether optimisers update it (false for frozen embeddings and batch-norm running statistics). */
    public boolean trainable() {
        return trainable;
    }

    /** Number of elements. */
    public int size() {
        return value.size();
    }

    @Override
    public String toString() {
        return name + "[" + value.shapeString() + "]";
    }
}
