package org.convkit.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporaMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CorporaMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsUsageForMissingOrUnknownCommands() {
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
        assertEquals(2, run("--data-dir", dir.toString(), "train"));
        assertEquals(2, run("fetch"));
        assertEquals(2, run("synth", "--speakers", "many"));
    }

    @Test
    void statsCountsASpeechCommandsDirectory() {
        TestFiles.wav(dir.resolve("yes/6513270e_nohash_0.wav"), 16000, 1, 10);
        TestFiles.wav(dir.resolve("yes/52e6b438_nohash_1.wav"), 16000, 1, 10);
        TestFiles.wav(dir.resolve("no/4ef8aa38_nohash_4.wav"), 16000, 1, 10);
        assertEquals(0, run("stats", dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("2 words, splits from the which_set hash rule"), text);
        assertTrue(text.contains(String.format("%-5s %10d %10d %10d %10d", "no", 0, 0, 1, 1)), text);
        assertTrue(text.contains(String.format("%-5s %10d %10d %10d %10d", "yes", 1, 1, 0, 2)), text);
    }

    @Test
    void reportsFailuresWithStatusOne() {
        assertEquals(1, run("--data-dir", dir.toString(), "fetch", "mnist"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown dataset 'mnist'"));
        assertEquals(1, run("stats", dir.resolve("missing").toString()));
    }
}
