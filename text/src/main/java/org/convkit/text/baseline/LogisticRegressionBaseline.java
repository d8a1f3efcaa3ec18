package org.convkit.text.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.TextClassifier;
import org.convkit.text.vocab.Vocabulary;
import smile.classification.LogisticRegression;
import smile.classification.SparseLogisticRegression;
import smile.data.SampleInstance;
import smile.data.SparseDataset;
import smile.util.SparseArray;

/**
 * Baseline 2: L2-regularised logistic regression (binomial for two labels, multinomial softmax
 * otherwise) on bag-of-words features, fitted with Smile's BFGS solver.
 *
 * <p>Uses {@code smile.classification.SparseLogisticRegression}, which minimises the same objective
 * as {@code smile.classification.LogisticRegression} (same {@code LogisticRegression.Options}) but
 * takes sparse rows: a dense matrix of a sentence corpus's bag-of-words would need
 * sentences x vocabulary doubles (about 1.4 GB for Kim's MR data set), of which nearly all are
 * zero. The feature vocabulary comes from the training data only. Labels are ordered
 * lexicographically. Training is deterministic for a given machine; prediction is thread-safe.
 */
public final class LogisticRegressionBaseline implements TextClassifier {

    private final BagOfWordsFeatures features;
    private final SparseLogisticRegression model;
    private final List<String> labels;

    private LogisticRegressionBaseline(BagOfWordsFeatures features, SparseLogisticRegression model,
                                       List<String> labels) {
        this.features = features;
        this.model = model;
        this.labels = labels;
    }

    /**
     * Builds the feature vocabulary from the training tokens and fits the model.
     *
     * @param examples training examples (tokens already preprocessed), at least two labels
     * @param options  features, L2 penalty and solver settings
     * @return the trained baseline
     * @throws IllegalArgumentException if there are no examples, fewer than two labels, a null
     *                                  example, or no word passes the vocabulary cut-off
     */
    public static LogisticRegressionBaseline train(List<LabeledTokens> examples,
                                                   LogisticRegressionOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        List<String> labels = TrainingExamples.sortedLabels(examples);
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }
        BagOfWordsFeatures features = BagOfWordsFeatures.fit(examples, options.weighting(),
            options.vocabulary());
        List<SampleInstance<SparseArray, Integer>> rows = new ArrayList<>(examples.size());
        for (LabeledTokens example : examples) {
            rows.add(new SampleInstance<>(features.features(example.tokens()),
                labelIndex.get(example.label())));
        }
        SparseDataset<Integer> data = new SparseDataset<>(rows, features.dimension());
        LogisticRegression.Options smileOptions = new LogisticRegression.Options(options.lambda(),
            options.tolerance(), options.maxIterations());
        SparseLogisticRegression model = SparseLogisticRegression.fit(data, smileOptions);
        // Every label index occurs in training, so Smile's class encoding is the identity and its
        // posterior order is our label order; check rather than assume.
        int[] expected = new int[labels.size()];
        Arrays.setAll(expected, i -> i);
        if (!Arrays.equals(model.classes(), expected)) {
            throw new IllegalStateException("Smile encoded classes as " + Arrays.toString(model.classes())
                + ", expected " + Arrays.toString(expected));
        }
        return new LogisticRegressionBaseline(features, model, labels);
    }

    /** {@inheritDoc} Labels are in lexicographic order. */
    @Override
    public List<String> labels() {
        return labels;
    }

    /** {@inheritDoc} Tokens outside the training vocabulary are ignored. */
    @Override
    public Prediction predict(String[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        double[] probabilities = new double[labels.size()];
        int best = model.predict(features.features(tokens), probabilities);
        return new Prediction(best, labels.get(best), probabilities);
    }

    /**
     * The feature vocabulary: feature {@code j} is the word with id {@code j + 2}.
     *
     * @return the vocabulary built from the training tokens
     */
    public Vocabulary vocabulary() {
        return features.vocabulary();
    }

    /** The fitted Smile model; package-private for tests. */
    SparseLogisticRegression smileModel() {
        return model;
    }

    /** The feature extractor; package-private for tests. */
    BagOfWordsFeatures features() {
        return features;
    }
}
