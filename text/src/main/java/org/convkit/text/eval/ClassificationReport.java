package org.convkit.text.eval;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Evaluation of predicted against gold labels. Serialises with Jackson to a JSON object with keys
 * {@code accuracy}, {@code macro_f1}, {@code per_class} (label to {@code {precision, recall, f1,
 * support}}, in label order), {@code confusion} and {@code labels}.
 *
 * @param accuracy  fraction of examples whose predicted label equals the gold label
 * @param macroF1   unweighted mean of the per-class F1 over all labels, including labels with no
 *                  gold examples (whose F1 is 0)
 * @param perClass  scores per label, iterating in label order
 * @param confusion {@code confusion[g][p]} counts examples with gold label index {@code g} and
 *                  predicted label index {@code p}; rows and columns follow {@code labels}
 * @param labels    the label names, in the fixed order of the indices
 */
@JsonPropertyOrder({"accuracy", "macro_f1", "per_class", "confusion", "labels"})
public record ClassificationReport(@JsonProperty("accuracy") double accuracy,
                                   @JsonProperty("macro_f1") double macroF1,
                                   @JsonProperty("per_class") Map<String, ClassScores> perClass,
                                   @JsonProperty("confusion") int[][] confusion,
                                   @JsonProperty("labels") List<String> labels) {
}
