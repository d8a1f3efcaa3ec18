package org.convkit.text.baseline;

import java.util.Arrays;
import java.util.List;

import org.convkit.text.LabeledTokens;
import org.convkit.text.vocab.Vocabulary;
import org.convkit.text.vocab.VocabularyOptions;
import smile.util.SparseArray;

/**
 * Maps a token array to a sparse bag-of-words vector: feature {@code j} is vocabulary id
 * {@code j + 2} (the padding and unknown entries are not features), valued as
 * {@link FeatureWeighting} says. Immutable and thread-safe.
 */
final class BagOfWordsFeatures {

    private final Vocabulary vocabulary;
    private final FeatureWeighting weighting;
    /** Inverse document frequency per feature; null unless TF_IDF. */
    private final double[] idf;

    private BagOfWordsFeatures(Vocabulary vocabulary, FeatureWeighting weighting, double[] idf) {
        this.vocabulary = vocabulary;
        this.weighting = weighting;
        this.idf = idf;
    }

    /** Builds the vocabulary (and document frequencies, for TF-IDF) from the training examples. */
    static BagOfWordsFeatures fit(List<LabeledTokens> examples, FeatureWeighting weighting,
                                  VocabularyOptions vocabularyOptions) {
        Vocabulary vocabulary = Vocabulary.build(
            () -> examples.stream().map(LabeledTokens::tokens).iterator(), vocabularyOptions);
        int p = vocabulary.size() - Vocabulary.RESERVED_ENTRIES;
        if (p == 0) {
            throw new IllegalArgumentException("no training word passes the vocabulary cut-off "
                + vocabularyOptions + "; a bag-of-words model needs at least one feature");
        }
        double[] idf = null;
        if (weighting == FeatureWeighting.TF_IDF) {
            long[] documentFrequency = new long[p];
            int[] scratch = new int[0];
            for (LabeledTokens example : examples) {
                scratch = sortedFeatureIndices(vocabulary, example.tokens(), scratch);
                int n = distinctPrefix(scratch, featureCount(vocabulary, example.tokens()));
                for (int i = 0; i < n; i++) {
                    documentFrequency[scratch[i]]++;
                }
            }
            idf = new double[p];
            double n = examples.size();
            for (int j = 0; j < p; j++) {
                idf[j] = Math.log((1 + n) / (1 + documentFrequency[j])) + 1;
            }
        }
        return new BagOfWordsFeatures(vocabulary, weighting, idf);
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Number of features. */
    int dimension() {
        return vocabulary.size() - Vocabulary.RESERVED_ENTRIES;
    }

    /** The feature vector of one token array, entries in increasing feature index. */
    SparseArray features(String[] tokens) {
        int[] indices = sortedFeatureIndices(vocabulary, tokens, new int[0]);
        int n = featureCount(vocabulary, tokens);
        SparseArray x = new SparseArray();
        double squaredNorm = 0;
        int i = 0;
        while (i < n) {
            int j = indices[i];
            int run = 1;
            while (i + run < n && indices[i + run] == j) {
                run++;
            }
            double value = switch (weighting) {
                case COUNT -> run;
                case BINARY -> 1.0;
                case TF_IDF -> run * idf[j];
            };
            x.append(j, value);
            squaredNorm += value * value;
            i += run;
        }
        if (weighting == FeatureWeighting.TF_IDF && squaredNorm > 0) {
            double scale = 1.0 / Math.sqrt(squaredNorm);
            x.update((index, value) -> value * scale);
        }
        return x;
    }

    /** Dense copy of {@link #features(String[])}; for comparison with dense learners in tests. */
    double[] denseFeatures(String[] tokens) {
        double[] dense = new double[dimension()];
        features(tokens).forEach((index, value) -> dense[index] = value);
        return dense;
    }

    private static int featureCount(Vocabulary vocabulary, String[] tokens) {
        int n = 0;
        for (String token : tokens) {
            if (vocabulary.contains(token)) {
                n++;
            }
        }
        return n;
    }

    /** Feature indices of the in-vocabulary tokens, sorted, in the first featureCount slots. */
    private static int[] sortedFeatureIndices(Vocabulary vocabulary, String[] tokens, int[] buffer) {
        int[] out = buffer.length >= tokens.length ? buffer : new int[tokens.length];
        int n = 0;
        for (String token : tokens) {
            int id = vocabulary.id(token);
            if (id >= Vocabulary.RESERVED_ENTRIES) {
                out[n++] = id - Vocabulary.RESERVED_ENTRIES;
            }
        }
        Arrays.sort(out, 0, n);
        return out;
    }

    /** Moves the distinct values of the sorted prefix {@code a[0, n)} to its front; returns how many. */
    private static int distinctPrefix(int[] a, int n) {
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || a[distinct - 1] != a[i]) {
                a[distinct++] = a[i];
            }
        }
        return distinct;
    }
}
