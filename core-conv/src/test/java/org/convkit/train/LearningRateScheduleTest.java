package org.convkit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {
    private static final double BASE = 0.1;

    @Test
    void constantRateIsTheBase() {
        ConstantRate c = new ConstantRate();
        assertEquals(0.1, c.rate(0, 0, 10, BASE));
        assertEquals(0.1, c.rate(37, 5, 10, BASE));
    }

    @Test
    void stepDecayMultipliesByGammaEveryNEpochs() {
        StepDecay s = new StepDecay(2, 0.5);
        assertEquals(0.1, s.rate(0, 0, 10, BASE), 1e-15);
        assertEquals(0.1, s.rate(1, 9, 10, BASE), 1e-15);
        assertEquals(0.05, s.rate(2, 0, 10, BASE), 1e-15);
        assertEquals(0.05, s.rate(3, 4, 10, BASE), 1e-15);
        assertEquals(0.025, s.rate(5, 0, 10, BASE), 1e-15);
    }

    @Test
    void cosineAnnealingOverEpochsFollowsTheHalfCosineThenStaysAtTheMinimum() {
        CosineAnnealing c = CosineAnnealing.overEpochs(4, 0.01);
        // min + (base - min) * (1 + cos(pi t / 4)) / 2 with cos(pi/4) = 0.70710678...:
        // t=1: 0.01 + 0.09 * 0.85355339 = 0.08681981; t=2: 0.01 + 0.09 * 0.5 = 0.055; t=3: 0.01 + 0.09 * 0.14644661 = 0.02318019
        assertEquals(0.1, c.rate(0, 3, 10, BASE), 1e-12);
        assertEquals(0.0868198052, c.rate(1, 0, 10, BASE), 1e-10);
        assertEquals(0.0868198052, c.rate(1, 9, 10, BASE), 1e-10); // constant within the epoch
        assertEquals(0.055, c.rate(2, 0, 10, BASE), 1e-12);
        assertEquals(0.0231801948, c.rate(3, 0, 10, BASE), 1e-10);
        assertEquals(0.01, c.rate(4, 0, 10, BASE), 1e-12);
        assertEquals(0.01, c.rate(9, 0, 10, BASE), 1e-12);
    }

    @Test
    void cosineAnnealingOverStepsCountsStepsAcrossEpochs() {
        CosineAnnealing c = CosineAnnealing.overSteps(10, 0.0);
        // epoch 1, step 1 with 4 steps per epoch is global step 5 = half the period: base / 2
        assertEquals(0.05, c.rate(1, 1, 4, BASE), 1e-12);
        // global step 1: 0.1 * (1 + cos(pi/10)) / 2 = 0.1 * (1 + 0.95105652) / 2 = 0.09755283
        assertEquals(0.0975528258, c.rate(0, 1, 4, BASE), 1e-10);
        assertEquals(0.0, c.rate(2, 2, 4, BASE), 1e-12);
    }

    @Test
    void linearWarmupRampsUpThenHandsOverToTheWrappedSchedule() {
        LinearWarmup w = new LinearWarmup(4, new StepDecay(1, 0.5));
        // 3 steps per epoch; global steps 0..3 scale the decayed rate by 1/4, 2/4, 3/4, 4/4
        assertEquals(0.025, w.rate(0, 0, 3, BASE), 1e-15);
        assertEquals(0.05, w.rate(0, 1, 3, BASE), 1e-15);
        assertEquals(0.075, w.rate(0, 2, 3, BASE), 1e-15);
        assertEquals(0.05, w.rate(1, 0, 3, BASE), 1e-15); // global step 3: full rate of epoch 1 = 0.05
        assertEquals(0.05, w.rate(1, 1, 3, BASE), 1e-15);
        assertEquals(0.025, w.rate(2, 0, 3, BASE), 1e-15);
        assertEquals(0.05, new LinearWarmup(2, null).rate(0, 0, 3, BASE), 1e-15);
    }

    @Test
    void schedulesRoundTripThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LearningRateSchedule s = new LinearWarmup(100, CosineAnnealing.overSteps(1000, 1e-5));
        String text = json.writerFor(LearningRateSchedule.class).writeValueAsString(s);
        assertEquals(s, json.readValue(text, LearningRateSchedule.class));
        assertEquals(new StepDecay(3, 0.1), json.readValue("{\"type\":\"stepDecay\",\"everyEpochs\":3,\"gamma\":0.1}",
                LearningRateSchedule.class));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(0, null));
    }
}
