package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with probability
 * {@code rate} and the survivors scaled by {@code 1/(1-rate)}; in inference it is the identity.
 * Masks come from the model's seeded random stream.
 */
public record Dropout(double rate) implements LayerSpec {
    public Dropout {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(inputs, 0, "Dropout", "any");
    }

    @Override
    public String describe() {
        return "Dropout " + rate;
    }
}
