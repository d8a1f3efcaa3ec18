package org.convkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.audio.features.FeatureMatrix;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.features.LogMelSpectrogram;
import org.convkit.audio.features.Mfcc;
import org.convkit.audio.io.AudioFileException;
import org.convkit.audio.io.WavEncoding;
import org.convkit.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipFeaturizerTest {

    @TempDir
    Path dir;

    @Test
    void shortClipsArePaddedAndLongOnesCutToOneSecond() throws Exception {
        ClipFeaturizer cf = new ClipFeaturizer(new LogMelSpectrogram(FeatureSettings.defaults()), 16000);
        float[] half = new float[8000];
        java.util.Arrays.fill(half, 0.25f);
        WavWriter.write(dir.resolve("short.wav"), half, 1, 16000, WavEncoding.FLOAT_32);
        float[] x = cf.loadSamples(dir.resolve("short.wav"));
        assertEquals(16000, x.length);
        assertEquals(0.25f, x[7999]);
        assertEquals(0f, x[8000]);
        WavWriter.write(dir.resolve("long.wav"), new float[2 * 48000], 2, 48000, WavEncoding.PCM_16);
        assertEquals(16000, cf.loadSamples(dir.resolve("long.wav")).length);
        FeatureMatrix m = cf.compute(dir.resolve("long.wav"));
        assertEquals(101, m.frames());
        assertEquals(40, m.coefficients());
    }

    @Test
    void fingerprintChangesWithEverySettingThatMatters() {
        FeatureSettings d = FeatureSettings.defaults();
        String base = new ClipFeaturizer(new LogMelSpectrogram(d), 16000).fingerprint();
        assertNotEquals(base, new ClipFeaturizer(new LogMelSpectrogram(d), 16001).fingerprint());
        assertNotEquals(base, new ClipFeaturizer(new Mfcc(d), 16000).fingerprint());
        assertNotEquals(base, new ClipFeaturizer(new LogMelSpectrogram(d.withLogOffset(1e-5)), 16000).fingerprint());
        assertEquals(base, new ClipFeaturizer(new LogMelSpectrogram(FeatureSettings.defaults()), 16000).fingerprint());
    }

    @Test
    void undecodableFileIsNamed() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F'});
        ClipFeaturizer cf = new ClipFeaturizer(new LogMelSpectrogram(FeatureSettings.defaults()), 16000);
        AudioFileException e = assertThrows(AudioFileException.class, () -> cf.compute(bad));
        assertTrue(e.getMessage().contains("bad.wav"), e.getMessage());
    }
}
