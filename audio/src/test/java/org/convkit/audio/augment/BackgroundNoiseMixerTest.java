package org.convkit.audio.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.convkit.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundNoiseMixerTest {

    @TempDir
    Path dir;

    /** Noise clip whose sample i is (i mod 1000) / 1000 - 0.5, so an offset can be read back. */
    private static NoiseClip sawtooth(String name, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 1000) / 1000f - 0.5f;
        }
        return new NoiseClip(name, x);
    }

    @Test
    void mixingIsDeterministicGivenASeedAndKeepsLength() {
        BackgroundNoiseMixer mixer = BackgroundNoiseMixer.speechCommandsDefaults(
                List.of(sawtooth("a", 50000), sawtooth("b", 20000)), 16000);
        float[] speech = new float[16000];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        float[] a = new float[16000];
        float[] b = new float[16000];
        for (long seed = 0; seed < 50; seed++) {
            double va = mixer.mix(speech, a, new SplittableRandom(seed));
            double vb = mixer.mix(speech, b, new SplittableRandom(seed));
            assertEquals(va, vb);
            assertArrayEquals(a, b);
            assertTrue(va >= 0 && va < 0.1);
        }
    }

    @Test
    void addsScaledNoiseSegmentAndClips() {
        // One clip, frequency 1: every example gets noise. Check against the documented draw order.
        NoiseClip clip = sawtooth("n", 30000);
        BackgroundNoiseMixer mixer = new BackgroundNoiseMixer(List.of(clip), 16000, 0.1, 1.0, 1.0);
        float[] in = new float[16000];
        in[5] = 0.99f;
        float[] out = new float[16000];
        double volume = mixer.mix(in, out, new SplittableRandom(7));
        SplittableRandom replay = new SplittableRandom(7);
        assertEquals(0, replay.nextInt(1));
        int offset = replay.nextInt(30000 - 16000 + 1);
        assertTrue(replay.nextDouble() < 1.0);
        assertEquals(replay.nextDouble() * 0.1, volume);
        for (int i = 0; i < 16000; i++) {
            double noise = ((offset + i) % 1000) / 1000f - 0.5f;
            double expected = Math.max(-1, Math.min(1, in[i] + volume * (float) noise));
            assertEquals(expected, out[i], 1e-6, "sample " + i);
        }
    }

    @Test
    void frequencyDecidesHowOftenNoiseIsAdded() {
        BackgroundNoiseMixer mixer = BackgroundNoiseMixer.speechCommandsDefaults(List.of(sawtooth("a", 16000)), 16000);
        float[] out = new float[16000];
        SplittableRandom rng = new SplittableRandom(1);
        int noisy = 0;
        for (int i = 0; i < 4000; i++) {
            if (mixer.mix(new float[16000], out, rng) > 0) {
                noisy++;
            }
        }
        // Binomial(4000, 0.8): mean 3200, sd 25.3; +-4 sd.
        assertEquals(3200, noisy, 101);
    }

    @Test
    void silenceIsNoiseAloneAtAVolumeUpToOne() {
        BackgroundNoiseMixer mixer = BackgroundNoiseMixer.speechCommandsDefaults(List.of(sawtooth("a", 20000)), 16000);
        float[] out = new float[16000];
        double max = 0;
        for (long seed = 0; seed < 100; seed++) {
            double v = mixer.silence(out, new SplittableRandom(seed));
            SplittableRandom replay = new SplittableRandom(seed);
            replay.nextInt(1);
            int offset = replay.nextInt(20000 - 16000 + 1);
            assertEquals(replay.nextDouble(), v);
            for (int i = 0; i < 16000; i += 97) {
                assertEquals(v * (((offset + i) % 1000) / 1000f - 0.5f), out[i], 1e-6, "sample " + i);
            }
            max = Math.max(max, v);
        }
        assertTrue(max > 0.5, "volumes spread over [0, 1)");
    }

    @Test
    void rejectsClipsShorterThanTheExampleNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackgroundNoiseMixer.speechCommandsDefaults(List.of(sawtooth("short_clip.wav", 100)), 16000));
        assertTrue(e.getMessage().contains("short_clip.wav"), e.getMessage());
    }

    @Test
    void loadsADirectoryOfWavFilesInNameOrder() throws Exception {
        WavWriter.writeMono16(dir.resolve("b.wav"), new float[32000], 16000);
        WavWriter.writeMono16(dir.resolve("a.wav"), new float[8000], 8000);
        List<NoiseClip> clips = NoiseClip.loadDirectory(dir, 16000);
        assertEquals(List.of("a.wav", "b.wav"), clips.stream().map(NoiseClip::name).toList());
        assertEquals(16000, clips.get(0).length()); // resampled from 8 kHz
        assertEquals(32000, clips.get(1).length());
    }
}
