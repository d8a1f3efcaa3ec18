package org.convkit.audio.kws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convkit.audio.cache.FeatureCache;
import org.convkit.audio.features.FeatureNormalisation;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.features.FeatureStatistics;
import org.convkit.corpora.Split;
import org.convkit.io.ConvkitJson;
import org.convkit.nn.Model;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.train.AdamSettings;
import org.convkit.train.EarlyStopping;
import org.convkit.train.EpochResult;
import org.convkit.train.ProgressPrinter;
import org.convkit.train.Trainer;
import org.convkit.train.TrainerSettings;
import org.convkit.train.TrainingCallback;
import org.convkit.train.TrainingHistory;

/**
 * Trains a zoo model on a corpus: opens it ({@link KwsCorpus}), measures the GLOBAL feature
 * statistics on the unaugmented training split, trains with Adam and on-the-fly augmentation,
 * keeps the parameters of the best validation accuracy (early stopping after {@code patience}
 * evaluations without improvement), evaluates on the test split and saves a {@link KwsModel} whose
 * metadata holds the settings, seed, metrics, corpus path and convkit version.
 */
public final class KwsTrainer {

    private static final ObjectMapper JSON = ConvkitJson.mapper();

    private KwsTrainer() {
    }

    /**
     * Runs the training described by {@code settings}.
     *
     * @param settings what to train
     * @param progress where to print progress (plain lines), or null for none
     * @return the result, after the model file is written
     */
    public static KwsTrainingResult train(KwsTrainingSettings settings, PrintStream progress) {
        return train(settings, null, progress);
    }

    /**
     * Runs the training described by {@code settings}, starting from the parameters (and batch-norm
     * statistics) of a trained model instead of a fresh initialisation: to continue a run that
     * stopped on its time budget, or to fine-tune a model on other recordings of the same words.
     * The starting model's front end, normalisation statistics included, is kept, so the features
     * do not change under the network; the optimiser starts afresh.
     *
     * @param settings what to train; {@code model} must name the starting model's architecture
     * @param init     the starting model, or null for a fresh initialisation from the seed
     * @param progress where to print progress (plain lines), or null for none
     * @return the result, after the model file is written
     * @throws IllegalArgumentException if the starting model's architecture, labels or input
     *                                  shape differ from what the settings and corpus ask for
     */
    public static KwsTrainingResult train(KwsTrainingSettings settings, KwsModel init, PrintStream progress) {
        KwsCorpus corpus = KwsCorpus.open(Path.of(settings.data()), settings.task());
        if (init != null) {
            if (!init.name().equals(settings.model())) {
                throw new IllegalArgumentException("the starting model is a " + init.name()
                        + " but the settings ask for a " + settings.model());
            }
            if (!init.labels().equals(corpus.labels())) {
                throw new IllegalArgumentException("the starting model's labels " + init.labels()
                        + " differ from the corpus task's labels " + corpus.labels());
            }
        }
        FeatureCache cache;
        try {
            cache = settings.cacheDirectory() == null ? FeatureCache.inMemory(256)
                    : FeatureCache.withDirectory(256, Path.of(settings.cacheDirectory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a starting model brings its own front end: the features its network was trained on
        String kind = init != null ? init.frontEnd().kind() : settings.frontEnd();
        FeatureSettings features = init != null ? init.frontEnd().settings() : settings.features();
        int clip = init != null ? init.frontEnd().clipSamples() : settings.features().sampleRate(); // one second
        KwsFrontEnd raw = new KwsFrontEnd(kind, features.withNormalisation(FeatureNormalisation.NONE), null, clip);
        long t0 = System.nanoTime();
        KwsFrontEnd fe = raw;
        if (init != null) {
            fe = init.frontEnd();
        } else if (features.normalisation() == FeatureNormalisation.GLOBAL) {
            // the statistics are all the unaugmented training features are needed for
            FeatureStatistics stats = KwsDataset.fixed(corpus, Split.TRAIN, raw, corpus.labels(), cache).measureStatistics();
            fe = new KwsFrontEnd(kind, features, stats, clip);
        }
        KwsDataset train = KwsDataset.augmented(corpus, Split.TRAIN, fe, corpus.labels(), settings.augmentation(),
                settings.seed(), settings.epochSize());
        KwsDataset validation = KwsDataset.fixed(corpus, Split.VALIDATION, raw, corpus.labels(), cache).withStatistics(fe);
        boolean hasTest = !corpus.examples(Split.TEST).isEmpty();
        KwsDataset test = hasTest
                ? KwsDataset.fixed(corpus, Split.TEST, raw, corpus.labels(), cache).withStatistics(fe) : null;
        if (progress != null) {
            progress.printf("%s: %d classes %s; train %d (epoch %d), validation %d, test %d examples; features %s %dx%d,"
                            + " loaded in %.1f s%n", corpus.root(), corpus.labels().size(), corpus.labels(),
                    train.examples().size(), train.size(), validation.size(), hasTest ? test.size() : 0,
                    fe.kind(), fe.frames(), fe.coefficients(), (System.nanoTime() - t0) / 1e9);
        }
        Model network = init != null ? init.network().copy()
                : Model.create(KwsModels.build(settings.model(), fe.frames(), fe.coefficients(),
                        corpus.labels().size()), settings.seed());
        if (progress != null) {
            progress.print(network.summary());
        }
        TrainerSettings ts = TrainerSettings.of(settings.epochs(), settings.batchSize(), settings.seed())
                .withEarlyStopping(EarlyStopping.of(EarlyStopping.Monitor.VALIDATION_ACCURACY, settings.patience()));
        if (settings.patience() == 0) {
            ts = ts.withEarlyStopping(EarlyStopping.keepBestAccuracy());
        }
        Trainer trainer = new Trainer(network, SoftmaxCrossEntropy.plain(),
                AdamSettings.adam(settings.learningRate()).withWeightDecay(settings.weightDecay()).create(), ts);
        trainer.addCallback(train.epochCallback());
        AtomicBoolean budgetReached = new AtomicBoolean();
        if (settings.maxTrainSeconds() > 0) {
            trainer.addCallback(budget(trainer, settings.maxTrainSeconds(), budgetReached));
        }
        if (progress != null) {
            trainer.addCallback(ProgressPrinter.plain(progress, 30));
        }
        TrainingHistory history = trainer.fit(train, validation);
        // the budget stops training through requestStop(); the files and the log should say why
        String stopReason = budgetReached.get() && history.stopReason() == TrainingHistory.StopReason.STOP_REQUESTED
                ? "TIME_BUDGET" : history.stopReason().name();
        if (progress != null && stopReason.equals("TIME_BUDGET")) {
            progress.printf("(the time budget of %.0f s ended training)%n", settings.maxTrainSeconds());
        }
        double bestVal = history.best().map(EpochResult::validationAccuracy).orElse(Double.NaN);

        ObjectNode meta = JSON.createObjectNode();
        meta.set("training", JSON.valueToTree(settings));
        meta.put("seed", settings.seed());
        meta.put("corpus", corpus.root().toAbsolutePath().toString());
        if (init != null) {
            // what the run started from: that model's own training settings and figures
            ObjectNode from = meta.putObject("initialised_from");
            from.set("training", init.metadata().get("training"));
            from.set("metrics", init.metadata().get("metrics"));
        }
        KwsModel model = new KwsModel(settings.model(), network, corpus.labels(), fe, meta);
        EvaluationReport testReport = hasTest ? KwsEvaluator.evaluate(model, test, Split.TEST.label()) : null;
        ObjectNode metrics = meta.putObject("metrics");
        metrics.put("validation_accuracy", bestVal);
        metrics.put("best_epoch", history.bestEpoch());
        metrics.put("epochs_run", history.epochs().size());
        metrics.put("stop_reason", stopReason);
        metrics.put("train_seconds", history.seconds());
        metrics.put("parameters", network.trainableParameterCount());
        metrics.put("multiply_adds", network.macs());
        if (testReport != null) {
            metrics.put("test_accuracy", testReport.accuracy());
            metrics.put("test_macro_f1", testReport.macroF1());
        }
        model = new KwsModel(settings.model(), network, corpus.labels(), fe, meta);
        Path out = Path.of(settings.out());
        try {
            model.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KwsTrainingResult(out, model, history, bestVal, testReport, history.seconds(),
                network.trainableParameterCount(), network.macs(), train.examples().size());
    }

    /** Stops after an epoch when the next one, at the last epoch's pace, would end after the budget. */
    private static TrainingCallback budget(Trainer trainer, double seconds, AtomicBoolean reached) {
        return new TrainingCallback() {
            private long start;

            @Override
            public void onTrainStart(TrainerSettings s, int trainExamples, int validationExamples) {
                start = System.nanoTime();
            }

            @Override
            public void onEpochEnd(EpochResult r) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed + r.seconds() > seconds) {
                    reached.set(true);
                    trainer.requestStop();
                }
            }
        };
    }
}
