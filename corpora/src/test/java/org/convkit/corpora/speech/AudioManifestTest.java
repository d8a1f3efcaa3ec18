package org.convkit.corpora.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioManifestTest {

    @TempDir
    Path dir;

    @BeforeEach
    void clips() {
        TestFiles.wav(dir.resolve("clips/a.wav"), 16000, 1, 10);
        TestFiles.wav(dir.resolve("clips/b, c.wav"), 16000, 1, 10);
        TestFiles.wav(dir.resolve("clips/6513270e_nohash_0.wav"), 16000, 1, 10);
    }

    private static List<AudioExample> read(AudioManifest m) {
        try (Stream<AudioExample> s = m.examples()) {
            return s.toList();
        }
    }

    @Test
    void readsAPositionalTsvAndFillsTheSplitByHash() {
        Path manifest = TestFiles.write(dir.resolve("m.tsv"),
            "clips/a.wav\tyes\tspk1\ttest\nclips/6513270e_nohash_0.wav\tno\n");
        assertEquals(List.of(
            new AudioExample(dir.resolve("clips/a.wav"), "yes", "spk1", Split.TEST),
            new AudioExample(dir.resolve("clips/6513270e_nohash_0.wav"), "no", "", Split.VALIDATION)),
            read(AudioManifest.of(manifest)));
    }

    @Test
    void readsACsvWithAHeaderInAnyColumnOrder() {
        Path manifest = TestFiles.write(dir.resolve("m.csv"),
            "split,label,path,speaker\ndev,go,\"clips/b, c.wav\",s9\ntrain,stop,clips/a.wav,\n");
        assertEquals(List.of(
            new AudioExample(dir.resolve("clips/b, c.wav"), "go", "s9", Split.VALIDATION),
            new AudioExample(dir.resolve("clips/a.wav"), "stop", "", Split.TRAIN)),
            read(new AudioManifest(manifest, WavRequirement.SPEECH_COMMANDS)));
    }

    @Test
    void reportsMissingFileWithLineNumber() {
        Path manifest = TestFiles.write(dir.resolve("m.tsv"), "clips/a.wav\tyes\nclips/gone.wav\tno\n");
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> read(AudioManifest.of(manifest)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("gone.wav does not exist"), e.getMessage());
    }

    @Test
    void reportsBadLinesWithTheirNumbers() {
        assertEquals(2, assertThrows(CorpusFormatException.class, () -> read(AudioManifest.of(
            TestFiles.write(dir.resolve("a.tsv"), "clips/a.wav\tyes\nclips/a.wav\n")))).line());
        assertEquals(2, assertThrows(CorpusFormatException.class, () -> read(AudioManifest.of(
            TestFiles.write(dir.resolve("b.tsv"), "clips/a.wav\tyes\n\nclips/a.wav\tno\n")))).line());
        CorpusFormatException split = assertThrows(CorpusFormatException.class, () -> read(AudioManifest.of(
            TestFiles.write(dir.resolve("c.tsv"), "clips/a.wav\tyes\tspk\tholdout\n"))));
        assertEquals(1, split.line());
        assertTrue(split.getMessage().contains("unknown split 'holdout'"), split.getMessage());
        assertEquals(1, assertThrows(CorpusFormatException.class, () -> read(AudioManifest.of(
            TestFiles.write(dir.resolve("d.tsv"), "clips/a.wav\t \n")))).line());
    }
}
