package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Logistic sigmoid {@code 1/(1+exp(-x))}. Element-wise; keeps the shape. */
public record Sigmoid() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(inputs, 0, "Sigmoid", "any");
    }
}
