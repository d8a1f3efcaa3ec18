package org.convkit.audio.kws;

import java.util.List;
import java.util.Objects;
import org.convkit.audio.features.FeatureNormalisation;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.corpora.speech.SpeechCommandsTask;

/**
 * Everything a keyword-spotting training run depends on; saved in the model file's metadata.
 *
 * @param data             corpus: Speech Commands directory, folder-per-label directory or manifest
 * @param model            zoo name ({@link KwsModels#NAMES})
 * @param out              model file to write
 * @param epochs           maximum epochs, &gt; 0
 * @param batchSize        examples per mini-batch, &gt; 0 (Honk: 64)
 * @param learningRate     Adam step size, &gt; 0 (0.001)
 * @param weightDecay      Adam L2 coefficient, &gt;= 0 (Honk: 1e-5)
 * @param seed             fixes initialisation, example order and augmentation
 * @param patience         validation evaluations without improvement before stopping; 0 never stops early
 * @param epochSize        training examples per epoch (a seeded subset each epoch); 0 = whole split
 * @param maxTrainSeconds  wall-clock budget: no epoch is started that would, at the last epoch's pace,
 *                         end after it; 0 = no budget
 * @param frontEnd         {@code mfcc} or {@code log-mel}
 * @param features         feature settings; normalisation GLOBAL (statistics measured on the
 *                         training split) or NONE
 * @param keywords         keywords of the Speech Commands task (ignored for other corpora)
 * @param silencePercent   silence examples per split, percent of the keyword examples (10)
 * @param unknownPercent   unknown-word examples per split, percent of the keyword examples (10)
 * @param augmentation     training augmentation
 * @param cacheDirectory   directory of the feature cache for unaugmented clips, or null for memory only
 */
public record KwsTrainingSettings(String data, String model, String out, int epochs, int batchSize,
                                  double learningRate, double weightDecay, long seed, int patience, int epochSize,
                                  double maxTrainSeconds, String frontEnd, FeatureSettings features,
                                  List<String> keywords, double silencePercent, double unknownPercent,
                                  KwsAugmentation augmentation, String cacheDirectory) {

    /** Validates every field (the message names it). */
    public KwsTrainingSettings {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        KwsModels.build(model, 101, 40, 12); // rejects unknown names with the list of known ones
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, was " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, was " + weightDecay);
        }
        if (patience < 0 || epochSize < 0) {
            throw new IllegalArgumentException("patience and epochSize must be >= 0, were " + patience + " and " + epochSize);
        }
        if (!(maxTrainSeconds >= 0)) {
            throw new IllegalArgumentException("maxTrainSeconds must be >= 0 (0 = no budget), was " + maxTrainSeconds);
        }
        Objects.requireNonNull(features, "features");
        new KwsFrontEnd(frontEnd, features.withNormalisation(FeatureNormalisation.NONE), null, features.sampleRate());
        if (features.normalisation() == FeatureNormalisation.PER_UTTERANCE) {
            throw new IllegalArgumentException("features.normalisation PER_UTTERANCE cannot be streamed; use GLOBAL or NONE");
        }
        keywords = List.copyOf(keywords);
        new SpeechCommandsTask(keywords, silencePercent, unknownPercent, SpeechCommandsTask.REFERENCE_SEED);
        Objects.requireNonNull(augmentation, "augmentation");
    }

    /**
     * Defaults: 30 epochs, batch 64, Adam 0.001 with weight decay 1e-5, seed 1, patience 5, whole
     * epochs, no budget, 40 MFCCs of {@link FeatureSettings#defaults()} with GLOBAL normalisation,
     * the 12-class task, TensorFlow's augmentation, memory-only cache.
     *
     * @param data  corpus path
     * @param model zoo name
     * @param out   model file
     * @return the settings
     */
    public static KwsTrainingSettings defaults(String data, String model, String out) {
        return new KwsTrainingSettings(data, model, out, 30, 64, 1e-3, 1e-5, 1, 5, 0, 0, KwsFrontEnd.MFCC,
                FeatureSettings.defaults().withNormalisation(FeatureNormalisation.GLOBAL),
                SpeechCommandsTask.STANDARD_KEYWORDS, 10, 10, KwsAugmentation.tensorFlowDefaults(), null);
    }

    /**
     * The Speech Commands task these settings describe.
     *
     * @return the task (TensorFlow's reference seed for drawing unknown words)
     */
    public SpeechCommandsTask task() {
        return new SpeechCommandsTask(keywords, silencePercent, unknownPercent, SpeechCommandsTask.REFERENCE_SEED);
    }

    /**
     * Copy with another epoch count.
     *
     * @param n epochs
     * @return the copy
     */
    public KwsTrainingSettings withEpochs(int n) {
        return new KwsTrainingSettings(data, model, out, n, batchSize, learningRate, weightDecay, seed, patience,
                epochSize, maxTrainSeconds, frontEnd, features, keywords, silencePercent, unknownPercent, augmentation,
                cacheDirectory);
    }

    /**
     * Copy with another seed.
     *
     * @param s seed
     * @return the copy
     */
    public KwsTrainingSettings withSeed(long s) {
        return new KwsTrainingSettings(data, model, out, epochs, batchSize, learningRate, weightDecay, s, patience,
                epochSize, maxTrainSeconds, frontEnd, features, keywords, silencePercent, unknownPercent, augmentation,
                cacheDirectory);
    }

    /**
     * Copy with another budget.
     *
     * @param size    examples per epoch (0 = whole split)
     * @param seconds wall-clock budget (0 = none)
     * @return the copy
     */
    public KwsTrainingSettings withBudget(int size, double seconds) {
        return new KwsTrainingSettings(data, model, out, epochs, batchSize, learningRate, weightDecay, seed, patience,
                size, seconds, frontEnd, features, keywords, silencePercent, unknownPercent, augmentation,
                cacheDirectory);
    }

    /**
     * Copy with other optimiser settings.
     *
     * @param batch batch size
     * @param rate  learning rate
     * @return the copy
     */
    public KwsTrainingSettings withOptimiser(int batch, double rate) {
        return new KwsTrainingSettings(data, model, out, epochs, batch, rate, weightDecay, seed, patience,
                epochSize, maxTrainSeconds, frontEnd, features, keywords, silencePercent, unknownPercent, augmentation,
                cacheDirectory);
    }

    /**
     * Copy with other features and augmentation.
     *
     * @param kind front end kind
     * @param f    feature settings
     * @param aug  augmentation
     * @return the copy
     */
    public KwsTrainingSettings withFrontEnd(String kind, FeatureSettings f, KwsAugmentation aug) {
        return new KwsTrainingSettings(data, model, out, epochs, batchSize, learningRate, weightDecay, seed, patience,
                epochSize, maxTrainSeconds, kind, f, keywords, silencePercent, unknownPercent, aug, cacheDirectory);
    }

    /**
     * Copy with another task.
     *
     * @param kws     keywords
     * @param silence silence percent
     * @param unknown unknown percent
     * @return the copy
     */
    public KwsTrainingSettings withTask(List<String> kws, double silence, double unknown) {
        return new KwsTrainingSettings(data, model, out, epochs, batchSize, learningRate, weightDecay, seed, patience,
                epochSize, maxTrainSeconds, frontEnd, features, kws, silence, unknown, augmentation, cacheDirectory);
    }

    /**
     * Copy writing elsewhere, with a model and patience.
     *
     * @param modelName zoo name
     * @param outFile   model file
     * @param pat       patience
     * @return the copy
     */
    public KwsTrainingSettings withModel(String modelName, String outFile, int pat) {
        return new KwsTrainingSettings(data, modelName, outFile, epochs, batchSize, learningRate, weightDecay, seed, pat,
                epochSize, maxTrainSeconds, frontEnd, features, keywords, silencePercent, unknownPercent, augmentation,
                cacheDirectory);
    }
}
