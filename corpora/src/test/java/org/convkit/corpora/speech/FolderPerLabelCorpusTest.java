package org.convkit.corpora.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderPerLabelCorpusTest {

    @TempDir
    Path root;

    @Test
    void labelsClipsByFolderAndSplitsByHash() {
        TestFiles.wav(root.resolve("glass/6513270e_nohash_0.wav"), 8000, 1, 10);
        TestFiles.wav(root.resolve("glass/recording.wav"), 8000, 1, 10);
        TestFiles.wav(root.resolve("door/4ef8aa38_nohash_1.WAV"), 8000, 1, 10);
        TestFiles.write(root.resolve("door/notes.txt"), "ignored: not audio");
        TestFiles.wav(root.resolve("_background_noise_/x.wav"), 8000, 1, 10);
        FolderPerLabelCorpus corpus = FolderPerLabelCorpus.of(root);
        assertEquals(List.of("door", "glass"), corpus.labels());
        List<AudioExample> examples;
        try (Stream<AudioExample> s = corpus.examples()) {
            examples = s.toList();
        }
        assertEquals(List.of(
            new AudioExample(root.resolve("door/4ef8aa38_nohash_1.WAV"), "door", "4ef8aa38", Split.TEST),
            new AudioExample(root.resolve("glass/6513270e_nohash_0.wav"), "glass", "6513270e", Split.VALIDATION),
            new AudioExample(root.resolve("glass/recording.wav"), "glass", "",
                SpeechCommandsSplit.whichSet("recording.wav"))), examples);
    }

    @Test
    void checksTheFormatWhenAsked() {
        TestFiles.wav(root.resolve("a/x.wav"), 8000, 1, 10);
        FolderPerLabelCorpus strict = new FolderPerLabelCorpus(root, 10, 10, WavRequirement.SPEECH_COMMANDS);
        assertThrows(CorpusFormatException.class, () -> {
            try (Stream<AudioExample> s = strict.examples()) {
                s.toList();
            }
        });
    }

    @Test
    void rejectsPercentagesAboveOneHundred() {
        assertThrows(IllegalArgumentException.class, () -> new FolderPerLabelCorpus(root, 60, 50, null));
    }
}
