package org.convkit.corpora.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.CorpusFormatException;

/**
 * A generic audio corpus with one folder per label ({@code root/<label>/*.wav}) and no split files.
 * Splits follow TensorFlow's {@code which_set} hash rule ({@link SpeechCommandsSplit}) with
 * configurable percentages, so clips named {@code <speaker>_nohash_<n>.wav} keep each speaker in one
 * split. The speaker is the part before {@code _nohash_}, or empty when the name has none. Folders
 * whose names start with {@code _} or {@code .} are not labels.
 *
 * @param root                 the directory holding the label folders
 * @param validationPercentage percent of hash space sent to validation (default 10)
 * @param testingPercentage    percent of hash space sent to test (default 10)
 * @param requirement          the format every clip must have, or null for no check
 */
public record FolderPerLabelCorpus(Path root, double validationPercentage, double testingPercentage,
                                   WavRequirement requirement) {

    /** Checks the percentages. */
    public FolderPerLabelCorpus {
        if (!(validationPercentage >= 0) || !(testingPercentage >= 0) || validationPercentage + testingPercentage > 100) {
            throw new IllegalArgumentException("percentages must be >= 0 and sum to at most 100, got "
                + validationPercentage + " and " + testingPercentage);
        }
    }

    /**
     * A corpus with 10 % validation, 10 % test and no format check.
     *
     * @param root the directory holding the label folders
     * @return the corpus
     */
    public static FolderPerLabelCorpus of(Path root) {
        return new FolderPerLabelCorpus(root, SpeechCommandsSplit.DEFAULT_PERCENTAGE,
            SpeechCommandsSplit.DEFAULT_PERCENTAGE, null);
    }

    /**
     * The label folders, sorted.
     *
     * @return the labels
     * @throws CorpusFormatException if {@code root} is not a directory or holds no label folder
     */
    public List<String> labels() {
        if (!Files.isDirectory(root)) {
            throw new CorpusFormatException(root, "not a directory (expected one folder per label)");
        }
        try (Stream<Path> entries = Files.list(root)) {
            List<String> labels = entries.filter(Files::isDirectory)
                .map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith("_") && !n.startsWith("."))
                .sorted()
                .toList();
            if (labels.isEmpty()) {
                throw new CorpusFormatException(root, "no label folders (expected root/<label>/*.wav)");
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * Every clip, labelled with its folder name, in label then file-name order.
     *
     * @return the clips; close the stream when done
     */
    public Stream<AudioExample> examples() {
        return labels().stream().flatMap(label -> SpeechCommandsCorpus.wavFiles(root.resolve(label)).stream()
            .map(clip -> {
                if (requirement != null) {
                    requirement.check(clip);
                }
                String name = clip.getFileName().toString();
                String speaker = name.contains("_nohash_") ? SpeechCommandsSplit.hashName(name) : "";
                return new AudioExample(clip, label, speaker,
                    SpeechCommandsSplit.whichSet(name, validationPercentage, testingPercentage));
            }));
    }
}
