package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Hyperbolic tangent. Element-wise; keeps the shape. */
public record Tanh() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(inputs, 0, "Tanh", "any");
    }
}
