package org.convkit.cli;

import org.convkit.corpora.intents.VoiceCommandIntents;
import org.convkit.io.ConvkitJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** text train, eval and predict end to end on generated voice commands, and a text model refused by kws. */
class TextCommandTest {

    @Test
    void trainEvalPredictAndWrongModelKind(@TempDir Path dir) throws Exception {
        VoiceCommandIntents.writeTsv(VoiceCommandIntents.generate(new VoiceCommandIntents.Settings(30, 0, 10, 3)), dir);
        Path model = dir.resolve("intents.convkit");
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8), err = new PrintStream(e, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[]{"text", "train", "--train", dir.resolve("train.tsv").toString(), "--out",
                model.toString(), "--epochs", "4", "--seed", "5", "--json"}, out, err), e.toString());
        assertTrue(Files.isRegularFile(model));

        o.reset();
        assertEquals(0, Main.run(new String[]{"text", "eval", "--model", model.toString(), "--data",
                dir.resolve("test.tsv").toString(), "--json"}, out, err), e.toString());
        var report = ConvkitJson.mapper().readTree(o.toString(StandardCharsets.UTF_8));
        for (String key : List.of("accuracy", "macro_f1", "per_class", "confusion")) assertTrue(report.has(key), key);
        // 8 intents: chance is 12.5%; test sentences use unseen phrasings or values
        assertTrue(report.get("accuracy").asDouble() > 0.4, report.toString());

        o.reset();
        var stdin = new ByteArrayInputStream("turn on the kitchen lights\nset a timer for ten minutes\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(0, TextCommand.run(List.of("predict", "--model", model.toString(), "--json"), stdin, out));
        List<String> lines = o.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        assertTrue(ConvkitJson.mapper().readTree(lines.get(0)).has("label"), lines.get(0));

        e.reset();
        int code = Main.run(new String[]{"kws", "eval", "--model", model.toString(), "--data", dir.toString()}, out, err);
        assertTrue(code != 0);
        assertEquals(1, e.toString(StandardCharsets.UTF_8).lines().count(), e.toString());
    }
}
