package org.convkit.audio.kws;

import java.nio.file.Path;
import org.convkit.train.TrainingHistory;

/**
 * What a training run produced.
 *
 * @param modelFile          the saved model
 * @param model              the trained model (best validation epoch's parameters)
 * @param history            per-epoch figures and why training stopped
 * @param validationAccuracy best validation accuracy
 * @param test               evaluation on the test split (null if the corpus has no test split)
 * @param trainSeconds       wall-clock seconds of {@code Trainer.fit}
 * @param parameters         trainable parameters
 * @param multiplyAdds       multiply-adds of one forward pass
 * @param trainExamples      examples in the training split
 */
public record KwsTrainingResult(Path modelFile, KwsModel model, TrainingHistory history, double validationAccuracy,
                                EvaluationReport test, double trainSeconds, long parameters, long multiplyAdds,
                                int trainExamples) {
}
