package org.convkit.nn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.convkit.tensor.Tensor;

/**
 * A training loss on a model's output (logits). Settings records that Jackson writes and reads;
 * {@link #compute} is a pure function of the settings and its arguments.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(SoftmaxCrossEntropy.class), @JsonSubTypes.Type(BinaryCrossEntropy.class)})
public sealed interface Loss permits SoftmaxCrossEntropy, BinaryCrossEntropy {

    /**
     * The mean loss over the batch, writing dL/d(output) into {@code grad} (same shape as {@code output}).
     *
     * @param output the logits, {@code N x ...}
     * @param target for {@link SoftmaxCrossEntropy}: {@code N} class indices stored as floats;
     *               for {@link BinaryCrossEntropy}: {@code N x ...} targets in [0, 1]
     */
    double compute(Tensor output, Tensor target, Tensor grad);
}
