package org.convkit.text.baseline;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.convkit.text.LabeledTokens;

/** Checks shared by the baselines' training entry points. */
final class TrainingExamples {

    private TrainingExamples() {
    }

    /**
     * Validates the training list and returns its distinct labels in lexicographic order, the
     * fixed label order of every baseline (independent of the order of the examples).
     */
    static List<String> sortedLabels(List<LabeledTokens> examples) {
        Objects.requireNonNull(examples, "training examples must not be null");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        TreeSet<String> labels = new TreeSet<>();
        for (int i = 0; i < examples.size(); i++) {
            LabeledTokens example = examples.get(i);
            if (example == null) {
                throw new IllegalArgumentException("training example " + i + " is null");
            }
            labels.add(example.label());
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("training examples need at least 2 distinct labels, got "
                + labels);
        }
        return List.copyOf(labels);
    }
}
