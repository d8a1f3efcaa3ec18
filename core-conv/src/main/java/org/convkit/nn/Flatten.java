package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Flattens each example to a feature vector in row-major order ({@code C x H x W -> C*H*W}). */
public record Flatten() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.of(LayerSpec.single(inputs, 0, "Flatten", "any").size());
    }
}
