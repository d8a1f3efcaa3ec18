package org.convkit.text.cnn;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.vocab.VocabularyOptions;
import org.convkit.train.AdadeltaSettings;
import org.convkit.train.EarlyStopping;

/**
 * How a {@link KimCnn} is trained, and how its text is prepared. Immutable and serialisable with
 * Jackson; stored in every saved model.
 *
 * @param preprocessor       how raw text becomes tokens; the training tokens must have been made
 *                           with it, and prediction applies it (default {@link TextPreprocessor#kim()})
 * @param vocabulary         which training words get their own vector (default: every word)
 * @param maxTokens          longest token sequence the network reads: the model's input length is
 *                           {@code min(maxTokens, longest training text) + 2 (h - 1)} for the widest
 *                           filter h; longer texts are cut after their first {@code maxTokens}
 *                           tokens (0: no cap, the longest training text decides)
 * @param epochs             maximum passes over the training data (Kim: 25)
 * @param batchSize          examples per mini-batch (Kim: 50)
 * @param optimizer          Adadelta settings (Kim: rho 0.95, eps 1e-6)
 * @param validationFraction share of the training data held out, stratified by label, for early
 *                           stopping when no validation set is given (Kim: 0.1)
 * @param monitor            the validation figure that picks the best epoch: accuracy, as Kim
 *                           did, or loss, which still moves when accuracy is flat (tiny or very
 *                           imbalanced validation sets)
 * @param patience           epochs without a better monitored figure before training stops; the
 *                           parameters of the best epoch are kept (0: run every epoch, still
 *                           keeping the best)
 * @param classWeighting     how much each class counts in the loss (Kim: {@link ClassWeighting#NONE})
 * @param seed               fixes the parameter initialisation, random word vectors, dropout
 *                           masks, the validation split and the example order
 */
@JsonPropertyOrder({"preprocessor", "vocabulary", "maxTokens", "epochs", "batchSize", "optimizer",
    "validationFraction", "monitor", "patience", "classWeighting", "seed"})
public record KimTrainingSettings(@JsonProperty("preprocessor") TextPreprocessor preprocessor,
                                  @JsonProperty("vocabulary") VocabularyOptions vocabulary,
                                  @JsonProperty("maxTokens") int maxTokens,
                                  @JsonProperty("epochs") int epochs,
                                  @JsonProperty("batchSize") int batchSize,
                                  @JsonProperty("optimizer") AdadeltaSettings optimizer,
                                  @JsonProperty("validationFraction") double validationFraction,
                                  @JsonProperty("monitor") EarlyStopping.Monitor monitor,
                                  @JsonProperty("patience") int patience,
                                  @JsonProperty("classWeighting") ClassWeighting classWeighting,
                                  @JsonProperty("seed") long seed) {

    /** Validates the settings. */
    public KimTrainingSettings {
        Objects.requireNonNull(preprocessor, "preprocessor must not be null");
        Objects.requireNonNull(vocabulary, "vocabulary must not be null");
        Objects.requireNonNull(optimizer, "optimizer must not be null");
        Objects.requireNonNull(monitor, "monitor must not be null");
        Objects.requireNonNull(classWeighting, "classWeighting must not be null");
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be 0 (no cap) or positive, got " + maxTokens);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must not be negative, got " + patience);
        }
    }

    /**
     * Kim (2014)'s training: his preprocessing, every training word, no length cap, 25 epochs of
     * mini-batches of 50 with Adadelta (rho 0.95, eps 1e-6), 10 % of the training data held out
     * for model selection by validation accuracy; here training also stops after 5 epochs without
     * improvement.
     *
     * @param seed the seed
     * @return the settings
     */
    public static KimTrainingSettings kim2014(long seed) {
        return new KimTrainingSettings(TextPreprocessor.kim(), VocabularyOptions.defaults(), 0, 25, 50,
            AdadeltaSettings.kim2014(), 0.1,
            EarlyStopping.Monitor.VALIDATION_ACCURACY, 5, ClassWeighting.NONE, seed);
    }

    /**
     * Returns a copy with another epoch budget.
     *
     * @param n maximum epochs
     * @return the new settings
     */
    public KimTrainingSettings withEpochs(int n) {
        return new KimTrainingSettings(preprocessor, vocabulary, maxTokens, n, batchSize, optimizer,
            validationFraction, monitor, patience, classWeighting, seed);
    }

    /**
     * Returns a copy with another length cap.
     *
     * @param n maximum tokens read, 0 for none
     * @return the new settings
     */
    public KimTrainingSettings withMaxTokens(int n) {
        return new KimTrainingSettings(preprocessor, vocabulary, n, epochs, batchSize, optimizer,
            validationFraction, monitor, patience, classWeighting, seed);
    }

    /**
     * Returns a copy with another early-stopping patience.
     *
     * @param n epochs without improvement before stopping
     * @return the new settings
     */
    public KimTrainingSettings withPatience(int n) {
        return new KimTrainingSettings(preprocessor, vocabulary, maxTokens, epochs, batchSize, optimizer,
            validationFraction, monitor, n, classWeighting, seed);
    }

    /**
     * Returns a copy with another preprocessor.
     *
     * @param p the preprocessing settings
     * @return the new settings
     */
    public KimTrainingSettings withPreprocessor(TextPreprocessor p) {
        return new KimTrainingSettings(p, vocabulary, maxTokens, epochs, batchSize, optimizer,
            validationFraction, monitor, patience, classWeighting, seed);
    }

    /**
     * Returns a copy with another mini-batch size.
     *
     * @param n examples per batch
     * @return the new settings
     */
    public KimTrainingSettings withBatchSize(int n) {
        return new KimTrainingSettings(preprocessor, vocabulary, maxTokens, epochs, n, optimizer,
            validationFraction, monitor, patience, classWeighting, seed);
    }

    /**
     * Returns a copy with another seed.
     *
     * @param newSeed the seed
     * @return the new settings
     */
    public KimTrainingSettings withSeed(long newSeed) {
        return new KimTrainingSettings(preprocessor, vocabulary, maxTokens, epochs, batchSize, optimizer,
            validationFraction, monitor, patience, classWeighting, newSeed);
    }

    /**
     * Returns a copy that selects the best epoch by another validation figure.
     *
     * @param m the figure
     * @return the new settings
     */
    public KimTrainingSettings withMonitor(EarlyStopping.Monitor m) {
        return new KimTrainingSettings(preprocessor, vocabulary, maxTokens, epochs, batchSize, optimizer,
            validationFraction, m, patience, classWeighting, seed);
    }

    /**
     * Returns a copy with another class weighting.
     *
     * @param w the weighting
     * @return the new settings
     */
    public KimTrainingSettings withClassWeighting(ClassWeighting w) {
        return new KimTrainingSettings(preprocessor, vocabulary, maxTokens, epochs, batchSize, optimizer,
            validationFraction, monitor, patience, w, seed);
    }
}
