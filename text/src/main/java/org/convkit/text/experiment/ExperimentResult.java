package org.convkit.text.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.convkit.text.eval.ClassificationReport;

/**
 * One measured row of the experiment table: a method evaluated on a dataset's test split.
 *
 * @param dataset      dataset id, e.g. {@code spam-subject}
 * @param method       {@code CNN-rand}, {@code CNN-static}, {@code CNN-non-static},
 *                     {@code CNN-multichannel}, {@code maxent} or {@code logistic-regression}
 * @param trainSize    training examples (for the CNN: before the validation split)
 * @param testSize     test examples
 * @param report       accuracy, macro-F1, per-class figures and confusion matrix on the test split
 * @param trainSeconds wall-clock training time in seconds
 * @param epochsRun    epochs trained (0 for the baselines)
 * @param bestEpoch    epoch whose parameters were kept (0 for the baselines)
 * @param settings     the settings that matter for this row, in words
 * @param command      the command that produced the row
 */
@JsonPropertyOrder({"dataset", "method", "trainSize", "testSize", "report", "trainSeconds", "epochsRun",
    "bestEpoch", "settings", "command"})
public record ExperimentResult(@JsonProperty("dataset") String dataset,
                               @JsonProperty("method") String method,
                               @JsonProperty("trainSize") int trainSize,
                               @JsonProperty("testSize") int testSize,
                               @JsonProperty("report") ClassificationReport report,
                               @JsonProperty("trainSeconds") double trainSeconds,
                               @JsonProperty("epochsRun") int epochsRun,
                               @JsonProperty("bestEpoch") int bestEpoch,
                               @JsonProperty("settings") String settings,
                               @JsonProperty("command") String command) {
}
