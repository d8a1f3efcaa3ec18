package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CountTableTest {

    @Test
    void countsPerKeyAndSplitWithTotals() {
        CountTable t = new CountTable("label");
        t.add("yes", Split.TRAIN);
        t.add("yes", Split.TRAIN);
        t.add("yes", Split.TEST);
        t.add("no", Split.VALIDATION, 5);
        assertEquals(2, t.count("yes", Split.TRAIN));
        assertEquals(3, t.total("yes"));
        assertEquals(5, t.total(Split.VALIDATION));
        assertEquals(8, t.total());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String expected = String.join("\n",
            "label      train validation       test      total",
            "no             0          5          0          5",
            "yes            2          0          1          3",
            "TOTAL          2          5          1          8", "");
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void corpusStatsCountsSpeakersAndNamedVoices() {
        Stream<AudioExample> examples = Stream.of(
            new AudioExample(Path.of("a.wav"), "yes", "s1", Split.TRAIN),
            new AudioExample(Path.of("b.wav"), "no", "s1", Split.TRAIN),
            new AudioExample(Path.of("c.wav"), "no", "s2", Split.TEST));
        CorpusStats stats = CorpusStats.ofAudio(examples, Map.of("s1", "flite slt"));
        assertEquals(2, stats.speakers().size());
        assertEquals(2, stats.voices().count("flite slt", Split.TRAIN));
        assertEquals(1, stats.labels().count("no", Split.TEST));
    }
}
