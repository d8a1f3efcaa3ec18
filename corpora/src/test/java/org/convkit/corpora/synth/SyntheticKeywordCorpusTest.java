package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.Split;
import org.convkit.corpora.speech.SpeechCommandsCorpus;
import org.convkit.corpora.speech.SpeechCommandsTask;
import org.convkit.corpora.speech.WavFile;
import org.convkit.corpora.speech.WavFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs espeak-ng and flite for real (they are installed by .ci/run); each build makes 12 clips. */
class SyntheticKeywordCorpusTest {

    @TempDir
    Path dir;

    private static SyntheticCorpusSettings tiny(Path out) {
        SyntheticCorpusSettings d = SyntheticCorpusSettings.defaults(out).withWords(List.of("yes", "no")).withSpeakers(6);
        d = d.withVoicing(d.engines(), List.of(1.0), List.of(1.1), 1);
        return new SyntheticCorpusSettings(d.words(), 7, out, d.speakers(), d.engines(), d.speeds(), d.pitches(),
            0.2, 0.2, d.maxOffsetMs(), d.peakDbfsMin(), d.peakDbfsMax(), d.noiseFloorDbfs(), d.noises(), d.noiseSeconds(),
            d.noiseRmsDbfs(), 2, 30);
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!rel.equals(SyntheticKeywordCorpus.MARKER) && !rel.equals("README.txt")) {
                    sums.put(rel, Checksums.sha256(f));
                }
            }
        }
        return sums;
    }

    @Test
    void buildsSpeechCommandsLayoutThatTheLoaderReads() throws IOException {
        Path out = dir.resolve("synth");
        SyntheticCorpusReport report = new SyntheticKeywordCorpus(tiny(out), null).build();
        assertFalse(report.cached());
        assertEquals(12, report.clips());
        assertEquals(6, report.speakers());
        assertTrue(Files.isRegularFile(out.resolve(SyntheticKeywordCorpus.MARKER)));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "no temporary directory left");
        }

        SpeechCommandsCorpus corpus = SpeechCommandsCorpus.open(out);
        assertEquals(List.of("no", "yes"), corpus.words());
        assertTrue(corpus.hasSplitLists());
        assertEquals(3, corpus.backgroundNoiseFiles().size());
        for (Path noise : corpus.backgroundNoiseFiles()) {
            assertEquals(16000, WavFile.requireFormat(noise, 16000, 1).frames());
        }
        List<AudioExample> examples;
        try (Stream<AudioExample> s = corpus.examples()) {
            examples = s.toList();
        }
        assertEquals(12, examples.size());
        Map<String, Split> splitOfSpeaker = new HashMap<>();
        for (AudioExample e : examples) {
            WavFormat format = WavFile.requireFormat(e.path(), 16000, 1);
            assertEquals(16000, format.frames(), "exactly one second: " + e.path());
            Split previous = splitOfSpeaker.put(e.speaker(), e.split());
            assertTrue(previous == null || previous == e.split(), "speaker " + e.speaker() + " crosses splits");
        }
        Map<String, String> names = SyntheticKeywordCorpus.speakerNames(out);
        assertEquals(6, names.size());
        assertEquals(5, names.values().stream().filter(v -> v.startsWith("flite ")).count(), "all flite voices but awb_time");
        String kal = names.entrySet().stream().filter(n -> n.getValue().equals("flite kal")).findFirst().orElseThrow().getKey();
        String kal16 = names.entrySet().stream().filter(n -> n.getValue().equals("flite kal16")).findFirst().orElseThrow().getKey();
        assertEquals(splitOfSpeaker.get(kal), splitOfSpeaker.get(kal16), "kal and kal16 are one voice");
        // 5 voice groups: round(5 * 0.2) = 1 for validation and 1 for test
        assertTrue(report.stats().labels().total(Split.VALIDATION) > 0);
        assertTrue(report.stats().labels().total(Split.TEST) > 0);
        assertEquals(6, report.stats().voices().size());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Examples per label and split:") && text.contains("Examples per voice and split:"), text);

        // the 12-class task runs on it: no keyword but yes/no exists, so ask for those two
        try (Stream<AudioExample> s = corpus.examples(new SpeechCommandsTask(List.of("yes", "no"), 10, 0, 1))) {
            assertTrue(s.anyMatch(e -> e.label().equals(SpeechCommandsTask.SILENCE)));
        }

        // the cache: same settings reuse the directory untouched
        Map<String, String> before = hashes(out);
        SyntheticCorpusReport again = new SyntheticKeywordCorpus(tiny(out), null).build();
        assertTrue(again.cached());
        assertEquals(12, again.stats().labels().total());
        assertEquals(before, hashes(out));

        // other settings are refused, not silently mixed
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new SyntheticKeywordCorpus(tiny(out).withSeed(8), null).build());
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());

        // deterministic: the same settings elsewhere give byte-identical files
        Path twin = dir.resolve("twin");
        new SyntheticKeywordCorpus(tiny(twin), null).build();
        assertEquals(before, hashes(twin));
    }
}
