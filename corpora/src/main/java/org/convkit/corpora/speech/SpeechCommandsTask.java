package org.convkit.corpora.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which classes a Speech Commands model predicts, following {@code prepare_data_index} of TensorFlow's
 * {@code input_data.py}: the chosen keywords keep their labels, every other word becomes
 * {@value #UNKNOWN}, and {@value #SILENCE} examples are drawn from {@code _background_noise_}. In each
 * split, {@code ceil(n * unknownPercentage / 100)} unknown clips and {@code ceil(n * silencePercentage / 100)}
 * silence examples are added, where {@code n} is the number of keyword clips in that split.
 *
 * @param keywords          the words kept as classes, in label order; empty means every word of the corpus
 *                          (the all-words task)
 * @param silencePercentage silence examples per 100 keyword clips (reference: 10)
 * @param unknownPercentage unknown-word clips per 100 keyword clips (reference: 10)
 * @param seed              fixes which unknown-word clips are drawn (TensorFlow uses Python's
 *                          {@code random.seed(59185)}; the draw here uses {@link java.util.SplittableRandom}
 *                          with the same number, so the chosen clips differ while the counts agree)
 */
public record SpeechCommandsTask(List<String> keywords, double silencePercentage, double unknownPercentage,
                                 long seed) {

    /** Label of the silence class, {@code SILENCE_LABEL} in TensorFlow. */
    public static final String SILENCE = "_silence_";
    /** Label of the other-words class, {@code UNKNOWN_WORD_LABEL} in TensorFlow. */
    public static final String UNKNOWN = "_unknown_";
    /** The ten keywords of the standard 12-class task (Warden 2018). */
    public static final List<String> STANDARD_KEYWORDS =
        List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");
    /** TensorFlow's {@code RANDOM_SEED}. */
    public static final long REFERENCE_SEED = 59185;

    /** Copies the keyword list and checks the percentages. */
    public SpeechCommandsTask {
        keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
        if (!(silencePercentage >= 0) || !(unknownPercentage >= 0)) {
            throw new IllegalArgumentException("percentages must be >= 0, got silence " + silencePercentage
                + ", unknown " + unknownPercentage);
        }
        if (keywords.isEmpty() && (silencePercentage > 0 || unknownPercentage > 0)) {
            throw new IllegalArgumentException("the all-words task (no keywords) has no silence or unknown class");
        }
        if (keywords.contains(SILENCE) || keywords.contains(UNKNOWN) || keywords.stream().distinct().count() != keywords.size()) {
            throw new IllegalArgumentException("keywords must be distinct words, without " + SILENCE + " or "
                + UNKNOWN + ": " + keywords);
        }
    }

    /**
     * The standard 12-class task: yes, no, up, down, left, right, on, off, stop, go, plus silence and
     * unknown at 10 % each.
     *
     * @return the task
     */
    public static SpeechCommandsTask twelveClass() {
        return new SpeechCommandsTask(STANDARD_KEYWORDS, 10.0, 10.0, REFERENCE_SEED);
    }

    /**
     * Every word folder is a class (30 classes in version 1, 35 in version 2); no silence or unknown.
     *
     * @return the task
     */
    public static SpeechCommandsTask allWords() {
        return new SpeechCommandsTask(List.of(), 0, 0, REFERENCE_SEED);
    }

    /**
     * Whether this is the all-words task.
     *
     * @return true if {@link #keywords()} is empty
     */
    public boolean isAllWords() {
        return keywords.isEmpty();
    }

    /**
     * The class labels in TensorFlow's order ({@code prepare_words_list}): silence, unknown, then the
     * keywords (both extra classes are listed even when a percentage is 0, as there); for the
     * all-words task, the corpus's words.
     *
     * @param corpusWords the word folders of the corpus, sorted
     * @return the labels, index = class id
     */
    public List<String> labels(List<String> corpusWords) {
        if (isAllWords()) {
            return List.copyOf(corpusWords);
        }
        List<String> labels = new ArrayList<>();
        labels.add(SILENCE);
        labels.add(UNKNOWN);
        labels.addAll(keywords);
        return labels;
    }
}
