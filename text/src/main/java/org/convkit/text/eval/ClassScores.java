package org.convkit.text.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Scores of one class, treating it as the positive class against all others.
 *
 * @param precision true positives / predicted positives; 0 when the class was never predicted
 * @param recall    true positives / support; 0 when the class has no gold examples
 * @param f1        harmonic mean of precision and recall; 0 when both are 0
 * @param support   number of gold examples of the class
 */
@JsonPropertyOrder({"precision", "recall", "f1", "support"})
public record ClassScores(@JsonProperty("precision") double precision,
                          @JsonProperty("recall") double recall,
                          @JsonProperty("f1") double f1,
                          @JsonProperty("support") int support) {
}
