package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * Max-over-time pooling (Collobert et al. 2011; Kim 2014): the maximum along the height (time)
 * axis only, {@code C x T x W -> C x W}. After a width-spanning convolution ({@code W = 1}) it keeps
 * each filter's strongest match anywhere in the sentence. The gradient flows only to that position.
 */
public record MaxOverTime() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 3, "MaxOverTime", "C x T x W (rank 3)");
        return Shape.of(in.dim(0), in.dim(2));
    }
}
