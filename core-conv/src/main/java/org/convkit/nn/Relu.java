package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Rectified linear unit, {@code max(0, x)}; its gradient at 0 is taken as 0. Element-wise; keeps the shape. */
public record Relu() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(inputs, 0, "Relu", "any");
    }
}
