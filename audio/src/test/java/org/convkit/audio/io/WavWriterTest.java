package org.convkit.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void everyEncodingRoundTripsWithinHalfAQuantum() throws Exception {
        float[] x = new float[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.8 * Math.sin(i * 0.01) * Math.cos(i * 0.003));
        }
        for (WavEncoding enc : WavEncoding.values()) {
            Path p = dir.resolve(enc + ".wav");
            WavWriter.write(p, x, 2, 22050, enc);
            AudioClip clip = AudioReader.read(p);
            assertEquals(22050, clip.sampleRate());
            assertEquals(2, clip.channels());
            float[] y = clip.interleaved();
            double tol = enc == WavEncoding.FLOAT_32 ? 0 : 0.5 / (1L << (enc.bits() - 1)) + 1e-7;
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], tol, enc + " sample " + i);
            }
            // The JDK's reader accepts the integer files too (an independent check of the header).
            if (enc != WavEncoding.FLOAT_32 && enc != WavEncoding.PCM_32) {
                assertEquals(1000, AudioSystem.getAudioInputStream(p.toFile()).getFrameLength());
            }
        }
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("a.wav");
        WavWriter.writeMono16(p, new float[] {0.1f, 0.2f}, 16000);
        WavWriter.writeMono16(p, new float[] {0.3f}, 16000); // replaces
        assertEquals(1, AudioReader.read(p).frames());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void clipsIntegerEncodingsAndRejectsNan() throws IOException {
        Path p = dir.resolve("c.wav");
        WavWriter.writeMono16(p, new float[] {2f, -2f}, 16000);
        float[] y = AudioReader.read(p).interleaved();
        assertEquals(32767 / 32768f, y[0]);
        assertEquals(-1f, y[1]);
        assertThrows(IllegalArgumentException.class, () -> WavWriter.writeMono16(p, new float[] {Float.NaN}, 16000));
    }
}
