package org.convkit.corpora.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextLines;

/**
 * A Google Speech Commands directory (version 1 with 30 words or version 2 with 35, or anything
 * written in the same layout such as the synthetic keyword corpus): one folder per word holding
 * {@code <speaker>_nohash_<n>.wav} clips, a {@code _background_noise_} folder, and optionally
 * {@code validation_list.txt} and {@code testing_list.txt}. A clip's split comes from those lists when
 * both are present and otherwise from {@link SpeechCommandsSplit} (TensorFlow's {@code which_set}).
 * Examples are streamed folder by folder; each clip's WAV header is checked against
 * {@link WavRequirement#SPEECH_COMMANDS} as it is read, unless the check is switched off.
 */
public final class SpeechCommandsCorpus {

    /** Name of the background noise folder. */
    public static final String BACKGROUND_NOISE = "_background_noise_";
    /** Name of the validation list file. */
    public static final String VALIDATION_LIST = "validation_list.txt";
    /** Name of the testing list file. */
    public static final String TESTING_LIST = "testing_list.txt";

    private final Path root;
    private final List<String> words;
    private final Set<String> validation;
    private final Set<String> testing;
    private final WavRequirement requirement;
    private final boolean testSet;

    private SpeechCommandsCorpus(Path root, List<String> words, Set<String> validation, Set<String> testing,
                                 WavRequirement requirement, boolean testSet) {
        this.root = root;
        this.words = words;
        this.validation = validation;
        this.testing = testing;
        this.requirement = requirement;
        this.testSet = testSet;
    }

    /**
     * Opens a Speech Commands directory: lists the word folders and reads the split lists.
     *
     * @param root the directory holding the word folders
     * @return the corpus, checking headers against 16 kHz mono 16-bit PCM
     * @throws CorpusFormatException if the directory has no word folder, only one of the two lists,
     *                               or a list line that is not {@code word/file.wav}
     */
    public static SpeechCommandsCorpus open(Path root) {
        return open(root, false);
    }

    /**
     * Opens the separately distributed Speech Commands test set ({@code speech_commands_test_set_v0.0x}):
     * every clip is {@link Split#TEST}, and its {@code _silence_} and {@code _unknown_} folders, which hold
     * the fixed silence and unknown clips of the 12-class task, are label folders like the words.
     *
     * @param root the directory holding the label folders
     * @return the corpus, checking headers against 16 kHz mono 16-bit PCM
     */
    public static SpeechCommandsCorpus openTestSet(Path root) {
        return open(root, true);
    }

    private static SpeechCommandsCorpus open(Path root, boolean testSet) {
        if (!Files.isDirectory(root)) {
            throw new CorpusFormatException(root, "not a directory (expected a Speech Commands folder)");
        }
        List<String> words = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory)
                .map(p -> p.getFileName().toString())
                .filter(name -> testSet && (name.equals(SpeechCommandsTask.SILENCE) || name.equals(SpeechCommandsTask.UNKNOWN))
                    || !name.startsWith("_") && !name.startsWith("."))
                .sorted()
                .forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        if (words.isEmpty()) {
            throw new CorpusFormatException(root, "no word folders (expected one folder per word, e.g. yes/, no/)");
        }
        Path validationFile = root.resolve(VALIDATION_LIST);
        Path testingFile = root.resolve(TESTING_LIST);
        boolean hasValidation = Files.isRegularFile(validationFile);
        boolean hasTesting = Files.isRegularFile(testingFile);
        if (hasValidation != hasTesting) {
            throw new CorpusFormatException(root, "found " + (hasValidation ? VALIDATION_LIST : TESTING_LIST)
                + " but not " + (hasValidation ? TESTING_LIST : VALIDATION_LIST) + " (expected both or neither)");
        }
        Set<String> validation = hasValidation ? readList(validationFile) : null;
        Set<String> testing = hasTesting ? readList(testingFile) : null;
        if (validation != null) {
            for (String entry : validation) {
                if (testing.contains(entry)) {
                    throw new CorpusFormatException(testingFile, entry + " is also in " + VALIDATION_LIST);
                }
            }
        }
        return new SpeechCommandsCorpus(root, List.copyOf(words), validation, testing, WavRequirement.SPEECH_COMMANDS,
            testSet);
    }

    private static Set<String> readList(Path file) {
        Set<String> entries = new HashSet<>();
        try (Stream<TextLines.Line> lines = TextLines.of(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                String entry = line.text().strip();
                int slash = entry.indexOf('/');
                if (slash <= 0 || slash != entry.lastIndexOf('/') || !entry.toLowerCase(Locale.ROOT).endsWith(".wav")) {
                    throw line.error("expected 'word/file.wav', found '" + line.text() + "'");
                }
                if (!entries.add(entry)) {
                    throw line.error(entry + " is listed twice");
                }
            });
        }
        return entries;
    }

    /**
     * The same corpus with a different header check.
     *
     * @param requirement the format every clip must have, or null to skip the check
     * @return a corpus sharing this one's listing
     */
    public SpeechCommandsCorpus withRequirement(WavRequirement requirement) {
        return new SpeechCommandsCorpus(root, words, validation, testing, requirement, testSet);
    }

    /**
     * The corpus directory.
     *
     * @return the root given to {@link #open}
     */
    public Path root() {
        return root;
    }

    /**
     * The word folders, sorted.
     *
     * @return the words (30 in version 1, 35 in version 2)
     */
    public List<String> words() {
        return words;
    }

    /**
     * Whether the splits come from {@code validation_list.txt} and {@code testing_list.txt}.
     *
     * @return true if both lists were found, false if the hash rule is used
     */
    public boolean hasSplitLists() {
        return validation != null;
    }

    /**
     * The WAV files of {@code _background_noise_}, sorted by name, each checked against the requirement.
     *
     * @return the noise files, empty if the folder is absent
     */
    public List<Path> backgroundNoiseFiles() {
        Path folder = root.resolve(BACKGROUND_NOISE);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = wavFiles(folder);
        if (requirement != null) {
            files.forEach(requirement::check);
        }
        return files;
    }

    /**
     * The split of a clip: {@link Split#TEST} in a test set, else from the lists when present, else
     * TensorFlow's hash rule with 10 % / 10 %.
     *
     * @param word     the word folder
     * @param fileName the clip's file name
     * @return the split
     */
    public Split splitOf(String word, String fileName) {
        if (testSet) {
            return Split.TEST;
        }
        if (validation != null) {
            String key = word + "/" + fileName;
            if (validation.contains(key)) {
                return Split.VALIDATION;
            }
            return testing.contains(key) ? Split.TEST : Split.TRAIN;
        }
        return SpeechCommandsSplit.whichSet(fileName);
    }

    /**
     * Every clip of every word folder, labelled with its word, in folder then file-name order.
     *
     * @return the clips; close the stream when done
     * @throws CorpusFormatException (while streaming) for a clip whose header does not match the requirement
     */
    public Stream<AudioExample> examples() {
        return words.stream().flatMap(this::clipsOf);
    }

    /**
     * The examples of a task. For the all-words task this is {@link #examples()}; for a test set opened
     * with {@link #openTestSet} every clip is kept, non-keywords labelled {@value SpeechCommandsTask#UNKNOWN}.
     * Otherwise the
     * keyword clips come first (folder order), then per split the drawn unknown-word clips (labelled
     * {@value SpeechCommandsTask#UNKNOWN}), then the silence examples: these point at the background
     * noise files in turn, labelled {@value SpeechCommandsTask#SILENCE} with speaker
     * {@value #BACKGROUND_NOISE}; the consumer cuts a one-second window from the file (TensorFlow mixes
     * background only while training, so its validation and test silence is all zeros).
     *
     * @param task the classes to predict
     * @return the examples
     * @throws CorpusFormatException if a keyword has no folder, or silence is asked for and there is no
     *                               background noise file
     */
    public Stream<AudioExample> examples(SpeechCommandsTask task) {
        if (task.isAllWords()) {
            return examples();
        }
        if (testSet) {
            // the released test set already holds its silence and unknown clips
            return words.stream().flatMap(this::clipsOf).map(e -> task.keywords().contains(e.label())
                || e.label().equals(SpeechCommandsTask.SILENCE) || e.label().equals(SpeechCommandsTask.UNKNOWN) ? e
                : new AudioExample(e.path(), SpeechCommandsTask.UNKNOWN, e.speaker(), e.split()));
        }
        List<String> missing = task.keywords().stream().filter(k -> !words.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new CorpusFormatException(root, "no folder for keyword(s) " + missing + "; the corpus has " + words);
        }
        Map<Split, Integer> keywordCounts = new EnumMap<>(Split.class);
        Map<Split, List<String[]>> unknownCandidates = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            keywordCounts.put(split, 0);
            unknownCandidates.put(split, new ArrayList<>());
        }
        for (String word : words) {
            boolean keyword = task.keywords().contains(word);
            for (Path clip : wavFiles(root.resolve(word))) {
                String name = clip.getFileName().toString();
                Split split = splitOf(word, name);
                if (keyword) {
                    keywordCounts.merge(split, 1, Integer::sum);
                } else {
                    unknownCandidates.get(split).add(new String[] {word, name});
                }
            }
        }
        List<AudioExample> extra = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(task.seed());
        // TensorFlow's set order: validation, testing, training.
        for (Split split : List.of(Split.VALIDATION, Split.TEST, Split.TRAIN)) {
            List<String[]> candidates = unknownCandidates.get(split);
            for (int i = candidates.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                String[] t = candidates.get(i);
                candidates.set(i, candidates.get(j));
                candidates.set(j, t);
            }
            int unknownSize = (int) Math.ceil(keywordCounts.get(split) * task.unknownPercentage() / 100.0);
            for (String[] c : candidates.subList(0, Math.min(unknownSize, candidates.size()))) {
                Path path = root.resolve(c[0]).resolve(c[1]);
                if (requirement != null) {
                    requirement.check(path);
                }
                extra.add(new AudioExample(path, SpeechCommandsTask.UNKNOWN, SpeechCommandsSplit.hashName(c[1]), split));
            }
        }
        List<Path> noise = task.silencePercentage() > 0 ? backgroundNoiseFiles() : List.of();
        if (task.silencePercentage() > 0 && noise.isEmpty()) {
            throw new CorpusFormatException(root, "no WAV files in " + BACKGROUND_NOISE
                + "/ (the silence class is drawn from them)");
        }
        for (Split split : List.of(Split.VALIDATION, Split.TEST, Split.TRAIN)) {
            int silenceSize = (int) Math.ceil(keywordCounts.get(split) * task.silencePercentage() / 100.0);
            for (int i = 0; i < silenceSize; i++) {
                extra.add(new AudioExample(noise.get(i % noise.size()), SpeechCommandsTask.SILENCE, BACKGROUND_NOISE, split));
            }
        }
        return Stream.concat(task.keywords().stream().sorted().flatMap(this::clipsOf), extra.stream());
    }

    private Stream<AudioExample> clipsOf(String word) {
        return wavFiles(root.resolve(word)).stream().map(clip -> {
            if (requirement != null) {
                requirement.check(clip);
            }
            String name = clip.getFileName().toString();
            return new AudioExample(clip, word, SpeechCommandsSplit.hashName(name), splitOf(word, name));
        });
    }

    static List<Path> wavFiles(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
