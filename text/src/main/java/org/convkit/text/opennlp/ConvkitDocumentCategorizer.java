package org.convkit.text.opennlp;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import opennlp.tools.doccat.DocumentCategorizer;
import org.convkit.text.cnn.KimClassifier;

/**
 * OpenNLP's {@link DocumentCategorizer} over a trained convkit {@link KimClassifier}, so pipeline
 * code written for {@code DocumentCategorizerME} takes it without change:
 * {@code DocumentCategorizer doccat = new ConvkitDocumentCategorizer(KimClassifier.load(path));}.
 *
 * <p>Input tokens may come from any OpenNLP tokenizer: the model's own normalisation and
 * lower-casing are applied to them first ({@link KimClassifier#predictTokenized}), so
 * {@code categorize(tokenizer.tokenize(text))} scores the same tokens the model was trained on
 * whenever the tokenizer is the model's own. Category indices follow the model's label order.
 *
 * <p>Unlike OpenNLP 2.5's {@code DocumentCategorizerME}, which keeps per-call state, every method
 * is safe to call from many threads at once (the classifier gives each concurrent call its own
 * network copy). An empty token array is classified as an empty document, never an error.
 */
public final class ConvkitDocumentCategorizer implements DocumentCategorizer {

    private final KimClassifier classifier;
    private final List<String> categories;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    /**
     * Wraps a trained classifier.
     *
     * @param classifier the classifier
     */
    public ConvkitDocumentCategorizer(KimClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier must not be null");
        this.categories = classifier.labels();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
    }

    /**
     * The wrapped classifier.
     *
     * @return the classifier
     */
    public KimClassifier classifier() {
        return classifier;
    }

    /**
     * Probability of every category for a tokenized document.
     *
     * @param text the document's tokens, from any tokenizer; may be empty
     * @return one probability per category, in category-index order, summing to 1
     * @throws NullPointerException     if {@code text} is null
     * @throws IllegalArgumentException if a token is null, naming its index
     */
    @Override
    public double[] categorize(String[] text) {
        Objects.requireNonNull(text, "text must not be null");
        return classifier.predictTokenized(text).probabilities();
    }

    /**
     * As {@link #categorize(String[])}: the extra information feeds OpenNLP's feature generators,
     * which a convolutional network does not use, so it is ignored.
     *
     * @param text             the document's tokens
     * @param extraInformation ignored; may be null
     * @return one probability per category
     */
    @Override
    public double[] categorize(String[] text, Map<String, Object> extraInformation) {
        return categorize(text);
    }

    /**
     * The category with the highest probability; on a tie the lowest index wins, as in
     * {@code DocumentCategorizerME}.
     *
     * @param outcome probabilities from {@link #categorize(String[])}
     * @return the best category
     * @throws IllegalArgumentException if {@code outcome} does not hold one value per category
     */
    @Override
    public String getBestCategory(double[] outcome) {
        checkOutcome(outcome);
        int best = 0;
        for (int i = 1; i < outcome.length; i++) {
            if (outcome[i] > outcome[best]) {
                best = i;
            }
        }
        return categories.get(best);
    }

    /**
     * Index of a category.
     *
     * @param category a category name
     * @return its index, or -1 if the model has no such category (as {@code DocumentCategorizerME})
     */
    @Override
    public int getIndex(String category) {
        Integer i = index.get(category);
        return i == null ? -1 : i;
    }

    /**
     * Name of a category.
     *
     * @param index an index in {@code [0, getNumberOfCategories())}
     * @return the category
     * @throws IndexOutOfBoundsException naming the valid range
     */
    @Override
    public String getCategory(int index) {
        if (index < 0 || index >= categories.size()) {
            throw new IndexOutOfBoundsException("category index " + index + " is outside [0, "
                + categories.size() + ")");
        }
        return categories.get(index);
    }

    /**
     * Number of categories.
     *
     * @return the model's label count
     */
    @Override
    public int getNumberOfCategories() {
        return categories.size();
    }

    /**
     * All categories with their probabilities in OpenNLP's layout,
     * {@code cat[0.1234]  cat2[0.8766]} (four decimals, two spaces between entries; the decimal
     * separator is always a dot).
     *
     * @param results probabilities from {@link #categorize(String[])}
     * @return the formatted string
     */
    @Override
    public String getAllResults(double[] results) {
        checkOutcome(results);
        DecimalFormat format = new DecimalFormat("0.0000", DecimalFormatSymbols.getInstance(Locale.ROOT));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < results.length; i++) {
            if (i > 0) {
                s.append("  ");
            }
            s.append(categories.get(i)).append('[').append(format.format(results[i])).append(']');
        }
        return s.toString();
    }

    /**
     * Probability of each category, by name.
     *
     * @param text the document's tokens
     * @return category to probability, in category-index order
     */
    @Override
    public Map<String, Double> scoreMap(String[] text) {
        double[] p = categorize(text);
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            map.put(categories.get(i), p[i]);
        }
        return map;
    }

    /**
     * Categories grouped by probability, ascending (the order of {@code DocumentCategorizerME});
     * categories with equal probability share an entry, in category-index order.
     *
     * @param text the document's tokens
     * @return probability to the categories that have it
     */
    @Override
    public SortedMap<Double, Set<String>> sortedScoreMap(String[] text) {
        double[] p = categorize(text);
        SortedMap<Double, Set<String>> map = new TreeMap<>();
        for (int i = 0; i < p.length; i++) {
            map.computeIfAbsent(p[i], k -> new LinkedHashSet<>()).add(categories.get(i));
        }
        return map;
    }

    private void checkOutcome(double[] outcome) {
        Objects.requireNonNull(outcome, "outcome must not be null");
        if (outcome.length != categories.size()) {
            throw new IllegalArgumentException("outcome has " + outcome.length + " values but the model has "
                + categories.size() + " categories " + categories);
        }
    }
}
