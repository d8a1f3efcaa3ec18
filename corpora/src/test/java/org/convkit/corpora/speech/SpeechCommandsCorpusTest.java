package org.convkit.corpora.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechCommandsCorpusTest {

    @TempDir
    Path root;

    /** Clip names whose hash-rule split was computed with Python (see SpeechCommandsSplitTest). */
    private static final Map<String, List<String>> CLIPS = new TreeMap<>(Map.of(
        "yes", List.of("6513270e_nohash_0", "4ef8aa38_nohash_4", "52e6b438_nohash_1", "128b2f33_nohash_4", "e8e25d94_nohash_4"),
        "no", List.of("1818e811_nohash_2", "dae44550_nohash_4", "1fb17c23_nohash_1", "d0eda82f_nohash_1"),
        "cat", List.of("3f98e277_nohash_1", "0a7c2a8d_nohash_0", "6b0d549b_nohash_0", "cf44dd3f_nohash_0"),
        "dog", List.of("7ff12229_nohash_0", "3d9c1724_nohash_0", "52e6b438_nohash_0")));

    @BeforeEach
    void makeCorpus() {
        CLIPS.forEach((word, names) -> names.forEach(n -> TestFiles.wav(root.resolve(word).resolve(n + ".wav"), 16000, 1, 160)));
        TestFiles.wav(root.resolve("_background_noise_/white_noise.wav"), 16000, 1, 16000);
        TestFiles.wav(root.resolve("_background_noise_/pink_noise.wav"), 16000, 1, 16000);
        TestFiles.write(root.resolve("LICENSE"), "not a folder");
    }

    private static List<AudioExample> all(Stream<AudioExample> s) {
        try (s) {
            return s.toList();
        }
    }

    @Test
    void listsWordFoldersAndUsesTheHashRuleWithoutLists() {
        SpeechCommandsCorpus corpus = SpeechCommandsCorpus.open(root);
        assertEquals(List.of("cat", "dog", "no", "yes"), corpus.words());
        assertFalse(corpus.hasSplitLists());
        List<AudioExample> examples = all(corpus.examples());
        assertEquals(16, examples.size());
        AudioExample first = examples.get(0);
        assertEquals(root.resolve("cat/0a7c2a8d_nohash_0.wav"), first.path());
        assertEquals("cat", first.label());
        assertEquals("0a7c2a8d", first.speaker());
        Map<Split, Long> yes = examples.stream().filter(e -> e.label().equals("yes"))
            .collect(Collectors.groupingBy(AudioExample::split, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(Split.TRAIN, 3L, Split.VALIDATION, 1L, Split.TEST, 1L), yes);
        assertEquals(Split.TEST, examples.stream().filter(e -> e.speaker().equals("4ef8aa38")).findFirst().orElseThrow().split());
        assertEquals(2, corpus.backgroundNoiseFiles().size());
    }

    @Test
    void usesTheListsWhenBothArePresent() {
        TestFiles.write(root.resolve("validation_list.txt"), "yes/52e6b438_nohash_1.wav\n");
        TestFiles.write(root.resolve("testing_list.txt"), "no/1818e811_nohash_2.wav\ncat/cf44dd3f_nohash_0.wav\n");
        SpeechCommandsCorpus corpus = SpeechCommandsCorpus.open(root);
        assertTrue(corpus.hasSplitLists());
        Map<String, Split> splits = new TreeMap<>();
        all(corpus.examples()).forEach(e -> splits.put(root.relativize(e.path()).toString(), e.split()));
        assertEquals(Split.VALIDATION, splits.get("yes/52e6b438_nohash_1.wav")); // TRAIN by hash, listed here
        assertEquals(Split.TEST, splits.get("no/1818e811_nohash_2.wav"));         // VALIDATION by hash
        assertEquals(Split.TRAIN, splits.get("yes/6513270e_nohash_0.wav"));       // not listed
        assertEquals(13, splits.values().stream().filter(s -> s == Split.TRAIN).count());
    }

    @Test
    void rejectsASingleListAndMalformedListLines() {
        TestFiles.write(root.resolve("validation_list.txt"), "yes/52e6b438_nohash_1.wav\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> SpeechCommandsCorpus.open(root));
        assertTrue(e.getMessage().contains("not testing_list.txt"), e.getMessage());
        TestFiles.write(root.resolve("testing_list.txt"), "no/1818e811_nohash_2.wav\njust-a-name.wav\n");
        CorpusFormatException bad = assertThrows(CorpusFormatException.class, () -> SpeechCommandsCorpus.open(root));
        assertEquals(2, bad.line());
        assertTrue(bad.getMessage().contains("testing_list.txt:2"), bad.getMessage());
    }

    @Test
    void buildsATaskWithUnknownAndSilenceAsTensorFlowDoes() {
        SpeechCommandsTask task = new SpeechCommandsTask(List.of("yes", "no"), 50, 50, 59185);
        assertEquals(List.of("_silence_", "_unknown_", "yes", "no"), task.labels(List.of("cat", "dog", "no", "yes")));
        List<AudioExample> examples = all(SpeechCommandsCorpus.open(root).examples(task));
        Map<String, Map<Split, Long>> counts = new TreeMap<>();
        for (AudioExample e : examples) {
            counts.computeIfAbsent(e.label(), k -> new TreeMap<>()).merge(e.split(), 1L, Long::sum);
        }
        // keyword clips per split: train 3+2=5, validation 1+1=2, test 1+1=2;
        // unknown and silence: ceil(n * 50 / 100) = 3, 1, 1 (train has exactly 3 unknown candidates)
        assertEquals(Map.of(Split.TRAIN, 3L, Split.VALIDATION, 1L, Split.TEST, 1L), counts.get("_unknown_"));
        assertEquals(Map.of(Split.TRAIN, 3L, Split.VALIDATION, 1L, Split.TEST, 1L), counts.get("_silence_"));
        assertEquals(19, examples.size());
        for (AudioExample e : examples) {
            if (e.label().equals("_unknown_")) {
                String word = e.path().getParent().getFileName().toString();
                assertTrue(word.equals("cat") || word.equals("dog"));
                assertEquals(SpeechCommandsSplit.whichSet(e.path().getFileName().toString()), e.split());
            }
            if (e.label().equals("_silence_")) {
                assertEquals("_background_noise_", e.path().getParent().getFileName().toString());
                assertEquals("_background_noise_", e.speaker());
            }
        }
        assertEquals(examples, all(SpeechCommandsCorpus.open(root).examples(task)), "same seed, same draw");
    }

    @Test
    void allWordsTaskKeepsEveryWord() {
        assertEquals(16, all(SpeechCommandsCorpus.open(root).examples(SpeechCommandsTask.allWords())).size());
        assertEquals(List.of("cat", "dog", "no", "yes"), SpeechCommandsTask.allWords().labels(List.of("cat", "dog", "no", "yes")));
        assertEquals(12, SpeechCommandsTask.twelveClass().labels(List.of()).size());
    }

    @Test
    void reportsMissingKeywords() {
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> SpeechCommandsCorpus.open(root).examples(SpeechCommandsTask.twelveClass()));
        assertTrue(e.getMessage().contains("[up, down, left, right, on, off, stop, go]"), e.getMessage());
    }

    @Test
    void reportsAClipWithTheWrongFormatWhileStreaming() {
        Path bad = TestFiles.wav(root.resolve("dog/ffffffff_nohash_0.wav"), 44100, 1, 100);
        CorpusFormatException e = assertThrows(CorpusFormatException.class,
            () -> all(SpeechCommandsCorpus.open(root).examples()));
        assertEquals(bad, e.file());
        assertTrue(e.getMessage().contains("44100 Hz") && e.getMessage().contains("expected 16000 Hz"), e.getMessage());
        assertEquals(17, all(SpeechCommandsCorpus.open(root).withRequirement(null).examples()).size());
    }

    @Test
    void rejectsADirectoryWithoutWordFolders(@TempDir Path empty) {
        assertThrows(CorpusFormatException.class, () -> SpeechCommandsCorpus.open(empty));
    }

    @Test
    void readsTheReleasedTestSetWithItsSilenceAndUnknownFolders(@TempDir Path testSet) {
        TestFiles.wav(testSet.resolve("yes/6513270e_nohash_0.wav"), 16000, 1, 10);
        TestFiles.wav(testSet.resolve("_silence_/silence_0.wav"), 16000, 1, 10);
        TestFiles.wav(testSet.resolve("_unknown_/bed_52e6b438_nohash_0.wav"), 16000, 1, 10);
        TestFiles.wav(testSet.resolve("cat/3f98e277_nohash_1.wav"), 16000, 1, 10);
        SpeechCommandsCorpus corpus = SpeechCommandsCorpus.openTestSet(testSet);
        assertEquals(List.of("_silence_", "_unknown_", "cat", "yes"), corpus.words());
        List<AudioExample> examples = all(corpus.examples(new SpeechCommandsTask(List.of("yes"), 10, 10, 1)));
        assertEquals(List.of("_silence_", "_unknown_", "_unknown_", "yes"), examples.stream().map(AudioExample::label).toList());
        assertTrue(examples.stream().allMatch(e -> e.split() == Split.TEST));
        assertEquals(List.of("cat", "yes"), SpeechCommandsCorpus.open(testSet).words());
    }
}
