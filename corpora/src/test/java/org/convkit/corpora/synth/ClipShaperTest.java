package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClipShaperTest {

    /** {@code before} zeros, {@code length} samples of a 440 Hz tone of amplitude 0.5, {@code after} zeros. */
    private static float[] word(int before, int length, int after) {
        float[] x = new float[before + length + after];
        for (int i = 0; i < length; i++) {
            x[before + i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return x;
    }

    @Test
    void findsTheSpokenPartByFrameEnergy() {
        assertArrayEquals(new int[] {3200, 8000}, ClipShaper.speechBounds(word(3200, 4800, 3200)));
        assertNull(ClipShaper.speechBounds(new float[4000]));
    }

    @Test
    void centresTheWordInOneSecondWithABoundedOffsetAndLevel() {
        ClipShaper shaper = new ClipShaper(16000, 1600, -12, -1, -200);
        for (int seed = 0; seed < 20; seed++) {
            ClipShaper.Shaped shaped = shaper.shape(word(3200, 4800, 3200), new SplittableRandom(seed));
            float[] clip = shaped.samples();
            assertEquals(16000, clip.length);
            assertEquals(4800, shaped.speechSamples());
            assertFalse(shaped.truncated());
            int first = 0;
            while (clip[first] == 0) {
                first++;
            }
            // centred start (16000 - 4800) / 2 = 5600, shifted by at most 1600; the tone starts at sin(0) = 0
            assertTrue(first >= 5600 - 1600 && first <= 5600 + 1600 + 1, "start " + first);
            double peak = 0;
            for (float v : clip) {
                peak = Math.max(peak, Math.abs(v));
            }
            double db = 20 * Math.log10(peak);
            assertTrue(db >= -12 - 1e-4 && db <= -1 + 1e-4, "peak " + db);
        }
        assertArrayEquals(shaper.shape(word(100, 4000, 100), new SplittableRandom(5)).samples(),
            shaper.shape(word(100, 4000, 100), new SplittableRandom(5)).samples());
    }

    @Test
    void cutsALongWordToTheMiddleSecondAndAddsTheNoiseFloor() {
        ClipShaper shaper = new ClipShaper(16000, 1600, -6, -6, -70);
        ClipShaper.Shaped shaped = shaper.shape(word(0, 24000, 0), new SplittableRandom(1));
        assertTrue(shaped.truncated());
        assertEquals(16000, shaped.speechSamples());
        ClipShaper.Shaped quiet = shaper.shape(word(8000, 1600, 8000), new SplittableRandom(1));
        double energy = 0;
        for (int i = 0; i < 2000; i++) {
            energy += quiet.samples()[i] * (double) quiet.samples()[i];
        }
        assertEquals(-70, 10 * Math.log10(energy / 2000), 0.5);
    }
}
