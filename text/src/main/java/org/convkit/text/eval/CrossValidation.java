package org.convkit.text.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import org.convkit.text.LabeledTokens;
import org.convkit.text.TextClassifier;

/**
 * Stratified k-fold cross-validation for datasets without a test split (Kim 2014 used 10 folds
 * for MR, Subj, CR and MPQA): within each label the examples are shuffled with a seeded random
 * source and dealt to folds 0, 1, ..., k-1 in turn, so fold sizes differ by at most one example
 * per label. Each round trains on k-1 folds and scores the held-out fold with
 * {@link ClassificationMetrics}.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * The outcome of a cross-validation.
     *
     * @param folds        the report of each held-out fold, in fold order
     * @param meanAccuracy mean of the folds' accuracies
     * @param meanMacroF1  mean of the folds' macro-F1
     */
    public record Result(List<ClassificationReport> folds, double meanAccuracy, double meanMacroF1) {

        /** Copies the fold list. */
        public Result {
            folds = List.copyOf(folds);
        }
    }

    /**
     * Assigns every example to a fold, stratified by label.
     *
     * @param examples the examples
     * @param k        number of folds, at least 2 and at most the number of examples
     * @param seed     fixes the assignment
     * @return the fold of each example, in {@code [0, k)}
     * @throws IllegalArgumentException if {@code k} is out of range
     */
    public static int[] stratifiedFolds(List<LabeledTokens> examples, int k, long seed) {
        Objects.requireNonNull(examples, "examples must not be null");
        if (k < 2 || k > examples.size()) {
            throw new IllegalArgumentException("k must be in [2, " + examples.size() + "] for " + examples.size()
                + " examples, got " + k);
        }
        TreeMap<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            LabeledTokens e = Objects.requireNonNull(examples.get(i), "examples[" + i + "] is null");
            byLabel.computeIfAbsent(e.label(), x -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[examples.size()];
        int next = 0;
        for (List<Integer> members : byLabel.values()) {
            for (int i = members.size() - 1; i > 0; i--) {
                Collections.swap(members, i, random.nextInt(i + 1));
            }
            // Continue dealing where the previous label stopped, so small labels do not all start at fold 0.
            for (int index : members) {
                fold[index] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * Runs k rounds of train-on-k-1-folds, score-the-held-out-fold.
     *
     * @param examples all labelled examples
     * @param k        number of folds
     * @param seed     fixes the fold assignment
     * @param trainer  trains a classifier from a training list (called k times)
     * @return the per-fold reports and their means
     * @throws IllegalArgumentException if {@code k} is out of range, or a held-out label is unknown
     *                                  to the classifier trained without it
     */
    public static Result run(List<LabeledTokens> examples, int k, long seed,
                             Function<List<LabeledTokens>, ? extends TextClassifier> trainer) {
        Objects.requireNonNull(trainer, "trainer must not be null");
        int[] fold = stratifiedFolds(examples, k, seed);
        List<ClassificationReport> reports = new ArrayList<>(k);
        double accuracy = 0;
        double macroF1 = 0;
        for (int f = 0; f < k; f++) {
            List<LabeledTokens> train = new ArrayList<>();
            List<LabeledTokens> test = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                (fold[i] == f ? test : train).add(examples.get(i));
            }
            ClassificationReport report = ClassificationMetrics.evaluate(trainer.apply(train), test);
            reports.add(report);
            accuracy += report.accuracy();
            macroF1 += report.macroF1();
        }
        return new Result(reports, accuracy / k, macroF1 / k);
    }
}
