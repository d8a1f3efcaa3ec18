package org.convkit.audio.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.convkit.audio.kws.KwsModel;
import org.convkit.audio.kws.ToneCorpus;
import org.convkit.audio.kws.TrainedToneModel;
import org.junit.jupiter.api.Test;

class KeywordSpotterTest {

    private static KwsModel model() {
        return TrainedToneModel.get().model().copy();
    }

    @Test
    void firstEvaluationEqualsTheClipPosteriorsBitForBit() {
        KwsModel m = model();
        float[] clip = ToneCorpus.clip("yes", 1.0, new SplittableRandom(8));
        float[] expected = m.posteriors(clip);
        // 1 s of the clip then silence: the first window (frames centred on samples 0..16000) sees
        // the same zero padding as the centred framing of the clip.
        float[] stream = new float[16000 + 4000];
        System.arraycopy(clip, 0, stream, 0, 16000);
        List<float[]> seen = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        KeywordSpotter s = new KeywordSpotter(m, new SpotterSettings(100, 1, 0.99, 1, 0.3), d -> { })
                .addListener((t, p) -> {
                    times.add(t);
                    seen.add(p.clone());
                });
        s.accept(stream, 0, 777);          // odd block sizes exercise the buffer
        s.accept(stream, 777, stream.length - 777);
        assertEquals(1.0, times.get(0), 1e-12);
        assertArrayEquals(expected, seen.get(0));
        assertEquals(1.1, times.get(1), 1e-9);
    }

    private static float[] noise(int n, double level, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (level * r.nextGaussian());
        }
        return x;
    }

    @Test
    void findsKeywordsPlacedAtKnownTimes() {
        int sr = 16000;
        float[] stream = noise(12 * sr, 0.002, 1);
        SplittableRandom r = new SplittableRandom(21);
        String[] words = {"yes", "no", "cat", "no"};
        double[] at = {1.5, 4.0, 6.5, 9.0};
        for (int w = 0; w < words.length; w++) {
            float[] c = ToneCorpus.clip(words[w], 0.9 + 0.05 * w, r);
            int off = (int) (at[w] * sr);
            for (int i = 0; i < c.length; i++) {
                stream[off + i] += c[i];
            }
        }
        List<Detection> found = new ArrayList<>();
        KeywordSpotter s = new KeywordSpotter(model(), SpotterSettings.defaults(), found::add);
        new WavStreamSource(stream, sr, 1600).run(s::accept);
        s.finish();
        assertEquals(List.of("yes", "no", "no"), found.stream().map(Detection::label).toList(), found.toString());
        double[] expectedAt = {at[0], at[1], at[3]};
        for (int i = 0; i < 3; i++) {
            Detection d = found.get(i);
            // the clip [at, at + 1 s) and the detection's 1 s window overlap
            assertTrue(d.endSeconds() > expectedAt[i] && d.startSeconds() < expectedAt[i] + 1.0, d.toString());
            assertTrue(d.confidence() >= 0.5 && d.confidence() <= 1.0);
            assertEquals(1.0, d.endSeconds() - d.startSeconds(), 1e-9);
        }
    }

    @Test
    void staysQuietOnNoiseAlone() {
        List<Detection> found = new ArrayList<>();
        KeywordSpotter s = new KeywordSpotter(model(), SpotterSettings.defaults(), found::add);
        float[] x = noise(20 * 16000, 0.02, 2);
        new WavStreamSource(x, 16000, 1600).run(s::accept);
        s.finish();
        assertEquals(List.of(), found);
        // windows ending at 1.0, 1.1, ..., 19.9 s: the frame centred on 20.0 s would need 15 ms past the end
        assertEquals(190, s.evaluations());
    }

    @Test
    void refractoryPeriodMakesOneWordFireOnce() {
        List<Detection> out = new ArrayList<>();
        SpotterSettings st = new SpotterSettings(100, 1, 0.5, 1.0, 0.25);
        ThresholdDetector d = new ThresholdDetector(List.of("_silence_", "yes"), new boolean[] {false, true}, st, 1.0,
                out::add);
        float[][] p = {{1, 0}, {0.4f, 0.6f}, {0.2f, 0.8f}, {0.3f, 0.7f}, {0.45f, 0.55f}, {0.1f, 0.9f}, {0.1f, 0.9f},
            {0.9f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.1f}, {0.2f, 0.8f}, {0.9f, 0.1f}};
        for (int i = 0; i < p.length; i++) {
            d.update(1.0 + 0.1 * i, p[i]);
        }
        d.finish();
        // crossing at 1.1 s; the 0.25 s hold ends at 1.4 s with the peak 0.8 at 1.2 s; quiet until 2.2 s, so
        // the 0.9 at 1.5-1.6 s is suppressed; 0.8 at 2.3 s fires again and is emitted when it falls at 2.4 s.
        assertEquals(2, out.size(), out.toString());
        assertEquals(1.2, out.get(0).endSeconds(), 1e-9);
        assertEquals(0.8, out.get(0).confidence(), 1e-6);
        assertEquals(2.3, out.get(1).endSeconds(), 1e-9);
    }

    @Test
    void rejectsNonFiniteSamples() {
        KeywordSpotter s = new KeywordSpotter(model(), SpotterSettings.defaults(), d -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.accept(new float[] {0, Float.NaN}, 0, 2));
        assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    }
}
