package org.convkit.cli;

import org.convkit.io.ModelFile;
import org.convkit.nn.Dense;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.io.ConvkitJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad invocations print one clear line and exit non-zero; summary reads a model file. */
class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertEquals(2, run("frobnicate"));
        assertEquals(1, err().lines().count());
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void unknownOptionNamesTheOption() {
        assertEquals(2, run("fashion-mnist", "--epochz", "3"));
        assertEquals(1, err().lines().count());
        assertTrue(err().contains("--epochz"), err());
    }

    @Test
    void badNumberNamesTheOptionAndTheValue() {
        assertEquals(2, run("fashion-mnist", "--epochs", "many"));
        assertTrue(err().contains("--epochs") && err().contains("many"), err());
    }

    @Test
    void missingModelFileIsReported() {
        assertEquals(2, run("summary", "/nonexistent/model.convkit"));
        assertTrue(err().contains("/nonexistent/model.convkit"), err());
    }

    @Test
    void corruptModelFileIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.convkit");
        Files.write(f, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertEquals(1, run("summary", f.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains(f.toString()), err());
    }

    @Test
    void summaryShowsLayersAndStoredMetadata(@TempDir Path dir) throws Exception {
        ModelBuilder b = new ModelBuilder("tiny");
        Model m = Model.create(b.build(b.input("x", 4).then("fc", Dense.of(3))), 1);
        Path f = dir.resolve("tiny.convkit");
        var meta = ConvkitJson.mapper().createObjectNode();
        meta.putArray("labels").add("a").add("b").add("c");
        ModelFile.save(f, m, meta);
        assertEquals(0, run("summary", f.toString()));
        assertTrue(out().contains("Trainable parameters: 15"), out());
        assertTrue(out().contains("\"labels\""), out());
        outBytes.reset();
        assertEquals(0, run("summary", f.toString(), "--json"));
        var json = ConvkitJson.mapper().readTree(out());
        assertEquals(15, json.get("trainable_parameters").asInt());
        assertEquals(12, json.get("forward_macs").asInt());
    }

    @Test
    void corpusHelpListsItsCommandsAndDefaults() {
        assertEquals(0, run("corpus", "--help"));
        assertTrue(out().contains("synth") && out().contains("seed 2018") && out().contains("glove-100d"), out());
        assertEquals("", err());
    }

    @Test
    void helpListsCommandsAndCommandHelpListsDefaults() {
        assertEquals(0, run("help"));
        assertTrue(out().contains("summary MODEL"));
        outBytes.reset();
        assertEquals(0, run("fashion-mnist", "--help"));
        assertTrue(out().contains("--epochs") && out().contains("(default: 6)"), out());
    }

    @Test
    void textExperimentsHelpListsOptionsAndBadOptionsAreNamed() {
        assertEquals(0, run("text", "experiments", "--help"));
        assertTrue(out().contains("--class-weights") && out().contains("(default: 25)"), out());
        assertEquals(2, run("text", "experiments", "--class-weights", "inverse"));
        assertTrue(err().contains("inverse") && err().contains("balanced"), err());
        errBytes.reset();
        assertEquals(2, run("text", "experiments", "--datasets", "imdb"));
        assertTrue(err().contains("imdb"), err());
    }
}
