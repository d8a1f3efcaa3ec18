package org.convkit.audio.kws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.convkit.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KwsTrainerTest {

    @TempDir
    Path dir;

    @Test
    void aRunStartedFromATrainedModelStartsFromItsWeightsAndFrontEnd() {
        KwsTrainingResult first = TrainedToneModel.get();
        KwsModel init = first.model();
        // one epoch at a vanishing learning rate: the weights stay where the starting model left them
        KwsTrainingSettings s = ToneCorpus.settings(TrainedToneModel.corpus(), dir.resolve("more.convkit"), 1)
                .withOptimiser(16, 1e-12);
        KwsTrainingResult r = KwsTrainer.train(s, init, null);
        Map<String, Parameter> before = init.network().parameters(), after = r.model().network().parameters();
        assertEquals(before.keySet(), after.keySet());
        for (var e : before.entrySet()) {
            float[] a = e.getValue().value().data(), b = after.get(e.getKey()).value().data();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-6, e.getKey() + "[" + i + "]");
        }
        assertEquals(first.validationAccuracy(), r.validationAccuracy(), 1e-9);
        assertEquals(init.frontEnd(), r.model().frontEnd());
        assertTrue(r.model().metadata().path("initialised_from").path("metrics").has("validation_accuracy"),
                r.model().metadata().toString());
    }

    @Test
    void aStartingModelOfAnotherArchitectureIsRejectedNamingBoth() {
        KwsModel init = TrainedToneModel.get().model();
        KwsTrainingSettings s = ToneCorpus.settings(TrainedToneModel.corpus(), dir.resolve("x.convkit"), 1)
                .withModel("res8-narrow", dir.resolve("x.convkit").toString(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KwsTrainer.train(s, init, null));
        assertTrue(e.getMessage().contains("cnn-one-fstride4") && e.getMessage().contains("res8-narrow"), e.getMessage());
    }

    @Test
    void aRunEndedByItsTimeBudgetSaysSoInTheModelFile() {
        // a budget far below one epoch: training stops after the first epoch and records why
        KwsTrainingSettings s = ToneCorpus.settings(TrainedToneModel.corpus(), dir.resolve("budget.convkit"), 5)
                .withBudget(0, 0.001);
        KwsTrainingResult r = KwsTrainer.train(s, null);
        assertEquals(1, r.history().epochs().size());
        assertEquals("TIME_BUDGET", r.model().metadata().path("metrics").path("stop_reason").asText());
    }
}
