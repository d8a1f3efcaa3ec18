package org.convkit.audio.kws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.convkit.audio.features.FeatureNormalisation;
import org.convkit.io.ModelFile;
import org.convkit.nn.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KwsModelTest {

    @TempDir
    Path dir;

    @Test
    void savedModelReloadsWithItsFeatureSettingsAndGivesIdenticalPosteriors() throws IOException {
        KwsTrainingResult r = TrainedToneModel.get();
        KwsModel trained = r.model();
        KwsModel loaded = KwsModel.load(r.modelFile());
        assertEquals(trained.frontEnd(), loaded.frontEnd());
        assertEquals(FeatureNormalisation.GLOBAL, loaded.frontEnd().settings().normalisation());
        assertEquals(List.of("_silence_", "_unknown_", "yes", "no"), loaded.labels());
        assertEquals("cnn-one-fstride4", loaded.name());
        SplittableRandom rnd = new SplittableRandom(3);
        for (String w : List.of("yes", "no", "cat")) {
            float[] clip = ToneCorpus.clip(w, 1.0, rnd);
            float[] a = trained.posteriors(clip);
            float[] b = loaded.posteriors(clip);
            assertArrayEquals(a, b, "posteriors of " + w);
            double sum = 0;
            for (float p : b) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-5);
        }
        // Saved again, the file is byte-identical (deterministic metadata and weights).
        loaded.save(dir.resolve("again.convkit"));
        assertArrayEquals(Files.readAllBytes(r.modelFile()), Files.readAllBytes(dir.resolve("again.convkit")));
    }

    @Test
    void metadataHoldsTrainingSettingsSeedMetricsCorpusAndVersion() throws IOException {
        KwsTrainingResult r = TrainedToneModel.get();
        var m = ModelFile.readMetadata(r.modelFile());
        assertEquals(KwsModel.KIND, m.get("kind").asText());
        assertEquals("cnn-one-fstride4", m.get("training").get("model").asText());
        assertEquals(1, m.get("seed").asLong());
        assertEquals(r.test().accuracy(), m.get("metrics").get("test_accuracy").asDouble(), 0);
        assertTrue(m.get("corpus").asText().endsWith("corpus"));
        assertEquals(40, m.get("frontEnd").get("statistics").get("mean").size());
        assertTrue(m.has("convkit_version"));
        KwsTrainingSettings back = org.convkit.io.ConvkitJson.mapper().treeToValue(m.get("training"),
                KwsTrainingSettings.class);
        assertEquals(ToneCorpus.settings(TrainedToneModel.corpus(), r.modelFile(), 12), back);
    }

    @Test
    void trainingLearnsTheToneWords() {
        KwsTrainingResult r = TrainedToneModel.get();
        // 22 test examples: 9 yes, 9 no, 2 unknown, 2 silence (a constant guess scores 9/22).
        assertTrue(r.test().accuracy() >= 0.85, r.test().format());
        assertTrue(r.history().bestEpoch() >= 1);
    }

    @Test
    void rejectsAModelFileOfAnotherKind() throws IOException {
        Path f = dir.resolve("plain.convkit");
        ModelFile.save(f, Model.create(KwsModels.build("res8-narrow", 101, 40, 4), 1), null);
        IOException e = assertThrows(IOException.class, () -> KwsModel.load(f));
        assertTrue(e.getMessage().contains("plain.convkit") && e.getMessage().contains("keyword-spotting"), e.getMessage());
    }
}
