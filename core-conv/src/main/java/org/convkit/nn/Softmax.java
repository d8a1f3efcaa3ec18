package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * Softmax over all elements of each example (classes of a vector, or the 361 board positions of
 * the AlphaGo policy head), computed stably by subtracting the maximum. For training, prefer
 * leaving it out and using {@link SoftmaxCrossEntropy} on the logits.
 */
public record Softmax() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(inputs, 0, "Softmax", "any");
    }
}
