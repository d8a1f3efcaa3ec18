package org.convkit.audio.kws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.audio.cache.FeatureCache;
import org.convkit.corpora.Split;
import org.convkit.corpora.speech.SpeechCommandsTask;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.train.Dataset;
import org.convkit.train.Evaluation;
import org.convkit.train.Trainer;
import smile.validation.metric.Accuracy;

/**
 * Evaluates a keyword-spotting model on a split of a corpus: runs it in inference mode over the
 * unaugmented features the model's own front end computes and reports accuracy, per-class
 * precision/recall/F1, macro F1 and the confusion matrix ({@link EvaluationReport}).
 */
public final class KwsEvaluator {

    private static final int BATCH = 32;

    private KwsEvaluator() {
    }

    /**
     * Opens the corpus with the task the model was trained on (its labels: the keywords are the labels
     * other than {@code _silence_} and {@code _unknown_}, 10 % silence and unknown) and evaluates.
     *
     * @param model the model
     * @param data  corpus path (Speech Commands directory, folder-per-label directory or manifest)
     * @param split the split
     * @return the report
     */
    public static EvaluationReport evaluate(KwsModel model, java.nio.file.Path data, Split split) {
        return evaluate(model, KwsCorpus.open(data, taskOf(model)), split);
    }

    /**
     * The Speech Commands task matching a model's labels.
     *
     * @param model the model
     * @return the task
     */
    public static SpeechCommandsTask taskOf(KwsModel model) {
        List<String> kws = model.labels().stream()
                .filter(l -> !l.equals(SpeechCommandsTask.SILENCE) && !l.equals(SpeechCommandsTask.UNKNOWN)).toList();
        double sil = model.labels().contains(SpeechCommandsTask.SILENCE) ? 10 : 0;
        double unk = model.labels().contains(SpeechCommandsTask.UNKNOWN) ? 10 : 0;
        return new SpeechCommandsTask(kws, sil, unk, SpeechCommandsTask.REFERENCE_SEED);
    }

    /**
     * Evaluates on one split of an opened corpus.
     *
     * @param model  the model
     * @param corpus the corpus
     * @param split  the split
     * @return the report
     */
    public static EvaluationReport evaluate(KwsModel model, KwsCorpus corpus, Split split) {
        KwsDataset data = KwsDataset.fixed(corpus, split, model.frontEnd(), model.labels(), FeatureCache.inMemory(64));
        return evaluate(model, data, split.label());
    }

    /**
     * Evaluates on a prepared data set (whose front end must be the model's).
     *
     * @param model     the model
     * @param data      the examples
     * @param splitName name for the report
     * @return the report
     */
    public static EvaluationReport evaluate(KwsModel model, Dataset data, String splitName) {
        Evaluation e = Trainer.evaluate(model.network(), SoftmaxCrossEntropy.plain(), data, BATCH);
        return report(model.name(), splitName, e.loss(), e.labels(), e.predictions(), model.labels());
    }

    /**
     * Builds the report from true and predicted classes.
     *
     * @param model       model name
     * @param split       split name
     * @param loss        mean loss (NaN if unknown)
     * @param truth       true class per example
     * @param predictions predicted class per example
     * @param labels      class labels
     * @return the report
     */
    public static EvaluationReport report(String model, String split, double loss, int[] truth, int[] predictions,
                                          List<String> labels) {
        int k = labels.size();
        if (truth.length != predictions.length || truth.length == 0) {
            throw new IllegalArgumentException("need equally many (> 0) labels and predictions, got " + truth.length
                    + " and " + predictions.length);
        }
        long[][] conf = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predictions[i] < 0 || predictions[i] >= k) {
                throw new IllegalArgumentException("example " + i + " has class " + truth[i] + " / prediction "
                        + predictions[i] + " outside [0, " + k + ")");
            }
            conf[truth[i]][predictions[i]]++;
        }
        Map<String, ClassMetrics> per = new LinkedHashMap<>();
        double f1Sum = 0;
        int f1Count = 0;
        for (int c = 0; c < k; c++) {
            long tp = conf[c][c], support = 0, predicted = 0;
            for (int j = 0; j < k; j++) {
                support += conf[c][j];
                predicted += conf[j][c];
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = support == 0 ? 0 : (double) tp / support;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            per.put(labels.get(c), new ClassMetrics(p, r, f1, support));
            if (support > 0 || predicted > 0) {
                f1Sum += f1;
                f1Count++;
            }
        }
        double accuracy = Accuracy.of(truth, predictions);
        return new EvaluationReport(model, split, truth.length, accuracy, f1Sum / f1Count, loss, labels, per, conf);
    }
}
