package org.convkit.audio.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ExampleMixTest {

    @Test
    void tenPercentEachOfTheKnownExamplesRoundedUp() {
        // 1000 known words -> ceil(100.0) = 100 silence, 100 unknown out of 5000.
        ExampleMix.Plan p = ExampleMix.plan(1000, 5000, 10, 10, 1);
        assertEquals(100, p.silenceCount());
        assertEquals(100, p.unknownIndices().size());
        assertEquals(100, new HashSet<>(p.unknownIndices()).size());
        // 7 known -> ceil(0.7) = 1 each (TensorFlow's math.ceil).
        ExampleMix.Plan small = ExampleMix.plan(7, 50, 10, 10, 1);
        assertEquals(1, small.silenceCount());
        assertEquals(1, small.unknownIndices().size());
    }

    @Test
    void unknownCountIsCappedByWhatIsAvailable() {
        ExampleMix.Plan p = ExampleMix.plan(1000, 30, 10, 10, 1);
        assertEquals(30, p.unknownIndices().size());
        assertEquals(new HashSet<>(java.util.stream.IntStream.range(0, 30).boxed().toList()),
                new HashSet<>(p.unknownIndices()));
    }

    @Test
    void choiceIsDeterministicGivenASeed() {
        assertEquals(ExampleMix.plan(500, 2000, 10, 10, 42), ExampleMix.plan(500, 2000, 10, 10, 42));
        assertNotEquals(ExampleMix.plan(500, 2000, 10, 10, 42).unknownIndices(),
                ExampleMix.plan(500, 2000, 10, 10, 43).unknownIndices());
    }
}
