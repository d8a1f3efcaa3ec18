package org.convkit.nn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.convkit.tensor.Shape;

import java.util.List;

/**
 * The settings of one layer: an immutable record that Jackson writes and reads. The arithmetic
 * lives in a separate runtime that a {@link Model} creates from these settings and the input
 * shapes, so a settings object never holds weights or buffers.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(Conv2d.class), @JsonSubTypes.Type(DepthwiseConv2d.class),
        @JsonSubTypes.Type(MaxPool2d.class), @JsonSubTypes.Type(AvgPool2d.class),
        @JsonSubTypes.Type(GlobalMaxPool2d.class), @JsonSubTypes.Type(GlobalAvgPool2d.class),
        @JsonSubTypes.Type(MaxOverTime.class), @JsonSubTypes.Type(Dense.class),
        @JsonSubTypes.Type(Flatten.class), @JsonSubTypes.Type(Reshape.class),
        @JsonSubTypes.Type(Concat.class), @JsonSubTypes.Type(Add.class),
        @JsonSubTypes.Type(Relu.class), @JsonSubTypes.Type(Tanh.class), @JsonSubTypes.Type(Sigmoid.class),
        @JsonSubTypes.Type(Softmax.class), @JsonSubTypes.Type(Dropout.class),
        @JsonSubTypes.Type(BatchNorm2d.class), @JsonSubTypes.Type(Embedding.class),
        @JsonSubTypes.Type(PositionBias.class)
})
public sealed interface LayerSpec permits Conv2d, DepthwiseConv2d, MaxPool2d, AvgPool2d, GlobalMaxPool2d,
        GlobalAvgPool2d, MaxOverTime, Dense, Flatten, Reshape, Concat, Add, Relu, Tanh, Sigmoid, Softmax, Dropout,
        BatchNorm2d, Embedding, PositionBias {

    /**
     * The per-example output shape for these input shapes.
     *
     * @throws IllegalArgumentException naming what was expected when the inputs do not fit
     */
    Shape outputShape(List<Shape> inputs);

    /** The learned parameters this layer needs for these input shapes (name suffix, shape, init). */
    default List<ParamSpec> parameters(List<Shape> inputs) {
        return List.of();
    }

    /** Multiply-adds of one example's forward pass. */
    default long macs(List<Shape> inputs) {
        return 0;
    }

    /** How many inputs the layer takes: a fixed count, or -1 for two or more. */
    default int arity() {
        return 1;
    }

    /** A short display name ({@code Conv2d 64 20x8/1}). */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** Checks that exactly one input has the given rank and returns it. */
    static Shape single(List<Shape> inputs, int rank, String layer, String expected) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(layer + " takes one input, got " + inputs.size());
        }
        Shape s = inputs.get(0);
        if (rank > 0 && s.rank() != rank) {
            throw new IllegalArgumentException(layer + " expects an input of " + expected + ", got " + s);
        }
        return s;
    }
}
