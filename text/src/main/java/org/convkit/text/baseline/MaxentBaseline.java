package org.convkit.text.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.TextClassifier;

/**
 * Baseline 1: OpenNLP's maximum-entropy document categorizer ({@code DocumentCategorizerME}) on
 * bag-of-words features ({@code BagOfWordsFeatureGenerator}: one binary feature per distinct
 * token), trained with GIS for a fixed number of iterations.
 *
 * <p>Training is deterministic: one training thread, the in-memory one-pass data indexer, and
 * examples fed in the order given. Labels are ordered lexicographically. Prediction is
 * thread-safe: each thread gets its own {@code DocumentCategorizerME} over the shared, immutable
 * model.
 */
public final class MaxentBaseline implements TextClassifier {

    private final DoccatModel model;
    private final List<String> labels;
    private final ThreadLocal<Categorizer> categorizer;

    private MaxentBaseline(DoccatModel model, List<String> labels) {
        this.model = model;
        this.labels = labels;
        this.categorizer = ThreadLocal.withInitial(() -> new Categorizer(model, labels));
    }

    /**
     * Trains the categorizer.
     *
     * @param examples training examples (tokens already preprocessed), at least two labels
     * @param options  GIS iterations and feature cutoff
     * @return the trained baseline
     * @throws IllegalArgumentException if there are no examples, fewer than two labels, or a null
     *                                  example (naming its index)
     */
    public static MaxentBaseline train(List<LabeledTokens> examples, MaxentOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        List<String> labels = TrainingExamples.sortedLabels(examples);
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        for (LabeledTokens example : examples) {
            samples.add(new DocumentSample(example.label(), example.tokens()));
        }
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, options.iterations());
        parameters.put(TrainingParameters.CUTOFF_PARAM, options.cutoff());
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        parameters.put(AbstractEventTrainer.DATA_INDEXER_PARAM,
            AbstractEventTrainer.DATA_INDEXER_ONE_PASS_VALUE);
        DoccatFactory factory = new DoccatFactory(new FeatureGenerator[] {new BagOfWordsFeatureGenerator()});
        try {
            DoccatModel model = DocumentCategorizerME.train("en",
                ObjectStreamUtils.createObjectStream(samples), parameters, factory);
            return new MaxentBaseline(model, labels);
        } catch (IOException e) {
            // The stream is in memory, so this only happens if OpenNLP itself fails.
            throw new UncheckedIOException("OpenNLP document categorizer training failed", e);
        }
    }

    /** {@inheritDoc} Labels are in lexicographic order. */
    @Override
    public List<String> labels() {
        return labels;
    }

    /** {@inheritDoc} Tokens never seen in training contribute nothing. */
    @Override
    public Prediction predict(String[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        return categorizer.get().predict(tokens);
    }

    /**
     * The trained OpenNLP model, e.g. to {@code serialize} it or to use it with OpenNLP tools.
     *
     * @return the model (immutable)
     */
    public DoccatModel doccatModel() {
        return model;
    }

    /** One thread's categorizer and the map from its outcome order to the label order. */
    private static final class Categorizer {
        private final DocumentCategorizerME me;
        private final List<String> labels;
        private final int[] outcomeOfLabel;

        Categorizer(DoccatModel model, List<String> labels) {
            this.me = new DocumentCategorizerME(model);
            this.labels = labels;
            this.outcomeOfLabel = new int[labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                outcomeOfLabel[i] = me.getIndex(labels.get(i));
                if (outcomeOfLabel[i] < 0) {
                    throw new IllegalStateException("OpenNLP model lost label \"" + labels.get(i) + "\"");
                }
            }
        }

        Prediction predict(String[] tokens) {
            double[] outcomes = me.categorize(tokens);
            double[] probabilities = new double[labels.size()];
            int best = 0;
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = outcomes[outcomeOfLabel[i]];
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            return new Prediction(best, labels.get(best), probabilities);
        }
    }
}
