package org.convkit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings records are written and read back by Jackson unchanged. */
class SettingsJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void trainerSettingsRoundTrip() throws Exception {
        TrainerSettings s = TrainerSettings.of(25, 50, 3435L)
                .withClipping(new GradientClipping(5, 0.5))
                .withEarlyStopping(new EarlyStopping(EarlyStopping.Monitor.VALIDATION_LOSS, 4, 1e-3, true))
                .withEvaluateEvery(2);
        String text = json.writeValueAsString(s);
        assertEquals(s, json.readValue(text, TrainerSettings.class));
        assertTrue(text.contains("\"monitor\":\"VALIDATION_LOSS\""), text);
    }

    @Test
    void optimizerSettingsRoundTripWithTheirType() throws Exception {
        for (OptimizerSettings s : List.of(SgdSettings.of(0.1).withMomentum(0.9, true).withWeightDecay(1e-4),
                AdamSettings.adamW(3e-4), AdadeltaSettings.kim2014())) {
            String text = json.writerFor(OptimizerSettings.class).writeValueAsString(s);
            OptimizerSettings back = json.readValue(text, OptimizerSettings.class);
            assertEquals(s, back, text);
            assertEquals(s.create().getClass(), back.create().getClass());
        }
    }

    @Test
    void constraintsRoundTrip() throws Exception {
        Constraint c = MaxNorm.of(3, "dense.weight");
        String text = json.writerFor(Constraint.class).writeValueAsString(c);
        assertEquals(c, json.readValue(text, Constraint.class));
    }
}
