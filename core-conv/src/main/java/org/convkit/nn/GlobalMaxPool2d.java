package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** The maximum of each channel over all positions: {@code C x H x W -> C}. */
public record GlobalMaxPool2d() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 3, "GlobalMaxPool2d", "C x H x W (rank 3)");
        return Shape.of(in.dim(0));
    }
}
