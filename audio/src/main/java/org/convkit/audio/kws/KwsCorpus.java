package org.convkit.audio.kws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.Split;
import org.convkit.corpora.speech.AudioManifest;
import org.convkit.corpora.speech.FolderPerLabelCorpus;
import org.convkit.corpora.speech.SpeechCommandsCorpus;
import org.convkit.corpora.speech.SpeechCommandsTask;

/**
 * The labelled clips a keyword spotter is trained and evaluated on, from any corpus of
 * {@code org.convkit.corpora}, with the class list and the background-noise files:
 *
 * <ul>
 *   <li>a <b>Speech Commands</b> directory (the real dataset or the synthetic keyword corpus, which
 *       share the layout; recognised by {@code _background_noise_/} or the split lists): the
 *       examples of a {@link SpeechCommandsTask} (by default the 12-class task: silence, unknown and
 *       ten keywords, in TensorFlow's label order), noise from {@code _background_noise_/};</li>
 *   <li>a <b>manifest</b> file ({@link AudioManifest}): classes are the sorted distinct labels, no
 *       noise;</li>
 *   <li>any other directory is a <b>folder-per-label</b> corpus ({@link FolderPerLabelCorpus}):
 *       classes are the folders, no noise.</li>
 * </ul>
 * Immutable; the example list is read once when opened.
 */
public final class KwsCorpus {

    /** How the corpus was read. */
    public enum Kind {
        /** Speech Commands layout, read through a task. */
        SPEECH_COMMANDS,
        /** A manifest file. */
        MANIFEST,
        /** One folder per label. */
        FOLDER_PER_LABEL
    }

    private final Path root;
    private final Kind kind;
    private final List<AudioExample> examples;
    private final List<String> labels;
    private final List<Path> noiseFiles;

    private KwsCorpus(Path root, Kind kind, List<AudioExample> examples, List<String> labels, List<Path> noiseFiles) {
        this.root = root;
        this.kind = kind;
        this.examples = List.copyOf(examples);
        this.labels = List.copyOf(labels);
        this.noiseFiles = List.copyOf(noiseFiles);
    }

    /**
     * Opens a corpus with the standard 12-class task for Speech Commands layouts.
     *
     * @param path a Speech Commands directory, a manifest file or a folder-per-label directory
     * @return the corpus
     */
    public static KwsCorpus open(Path path) {
        return open(path, SpeechCommandsTask.twelveClass());
    }

    /**
     * Opens a corpus.
     *
     * @param path a Speech Commands directory, a manifest file or a folder-per-label directory
     * @param task the classes to predict when {@code path} has the Speech Commands layout (ignored
     *             otherwise)
     * @return the corpus
     * @throws IllegalArgumentException if {@code path} does not exist or the corpus has fewer than
     *                                  two classes
     */
    public static KwsCorpus open(Path path, SpeechCommandsTask task) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(task, "task");
        if (Files.isRegularFile(path)) {
            List<AudioExample> ex;
            try (Stream<AudioExample> s = AudioManifest.of(path).examples()) {
                ex = s.toList();
            }
            return checked(new KwsCorpus(path, Kind.MANIFEST, ex, distinctLabels(ex), List.of()));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + ": no such corpus; expected a Speech Commands directory, "
                    + "a folder-per-label directory or a manifest file");
        }
        boolean speechCommands = Files.isDirectory(path.resolve(SpeechCommandsCorpus.BACKGROUND_NOISE))
                || Files.isRegularFile(path.resolve(SpeechCommandsCorpus.VALIDATION_LIST));
        if (speechCommands) {
            SpeechCommandsCorpus corpus = SpeechCommandsCorpus.open(path);
            List<AudioExample> ex;
            try (Stream<AudioExample> s = corpus.examples(task)) {
                ex = s.toList();
            }
            return checked(new KwsCorpus(path, Kind.SPEECH_COMMANDS, ex, task.labels(corpus.words()),
                    corpus.backgroundNoiseFiles()));
        }
        FolderPerLabelCorpus corpus = FolderPerLabelCorpus.of(path);
        List<AudioExample> ex;
        try (Stream<AudioExample> s = corpus.examples()) {
            ex = s.toList();
        }
        return checked(new KwsCorpus(path, Kind.FOLDER_PER_LABEL, ex, corpus.labels(), List.of()));
    }

    private static KwsCorpus checked(KwsCorpus c) {
        if (c.labels.size() < 2) {
            throw new IllegalArgumentException(c.root + ": has " + c.labels.size() + " class(es) " + c.labels
                    + "; a classifier needs at least 2");
        }
        return c;
    }

    private static List<String> distinctLabels(List<AudioExample> ex) {
        TreeSet<String> s = new TreeSet<>();
        for (AudioExample e : ex) {
            s.add(e.label());
        }
        return new ArrayList<>(s);
    }

    /**
     * The path the corpus was opened from.
     *
     * @return directory or manifest
     */
    public Path root() {
        return root;
    }

    /**
     * How the corpus was read.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The class labels, index = class id.
     *
     * @return labels
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Background-noise recordings (Speech Commands layout only).
     *
     * @return the files, sorted; empty when the corpus has none
     */
    public List<Path> noiseFiles() {
        return noiseFiles;
    }

    /**
     * Every example, in corpus order.
     *
     * @return the examples
     */
    public List<AudioExample> examples() {
        return examples;
    }

    /**
     * The examples of one split, in corpus order.
     *
     * @param split the partition
     * @return the examples
     */
    public List<AudioExample> examples(Split split) {
        return examples.stream().filter(e -> e.split() == split).toList();
    }
}
