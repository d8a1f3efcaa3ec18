package org.convkit.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.9 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return x;
    }

    @Test
    void decodesExtremeIntegerCodesExactly() throws IOException {
        // 16-bit: -32768 -> -1, 0 -> 0, 32767 -> 32767/32768.
        byte[] d16 = {0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xFF, 0x7F};
        assertArrayEquals(new float[] {-1f, 0f, 32767f / 32768f},
                AudioReader.read(file("a.wav", WavBytes.wav(1, 1, 16000, 16, d16))).interleaved());
        // 8-bit unsigned: 0 -> -1, 128 -> 0, 255 -> 127/128.
        byte[] d8 = {0x00, (byte) 0x80, (byte) 0xFF};
        assertArrayEquals(new float[] {-1f, 0f, 127f / 128f},
                AudioReader.read(file("b.wav", WavBytes.wav(1, 1, 16000, 8, d8))).interleaved());
        // 24-bit: 0x800000 -> -1, 0x7FFFFF -> (2^23 - 1) / 2^23, 0x000001 -> 2^-23.
        byte[] d24 = {0x00, 0x00, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x01, 0x00, 0x00};
        assertArrayEquals(new float[] {-1f, (float) (8388607 / 8388608.0), (float) (1 / 8388608.0)},
                AudioReader.read(file("c.wav", WavBytes.wav(1, 1, 16000, 24, d24))).interleaved());
        // 32-bit: Integer.MIN_VALUE -> -1.
        byte[] d32 = {0, 0, 0, (byte) 0x80};
        assertArrayEquals(new float[] {-1f}, AudioReader.read(file("d.wav", WavBytes.wav(1, 1, 16000, 32, d32))).interleaved());
    }

    @Test
    void decodes8And16And24BitWrittenByJavaSound() throws IOException {
        float[] x = ramp(1600);
        for (int bits : new int[] {8, 16, 24}) {
            Path p = file("js" + bits + ".wav", WavBytes.javaSound(x, 1, 16000, bits, AudioFileFormat.Type.WAVE, false));
            AudioClip clip = AudioReader.read(p);
            assertEquals(16000, clip.sampleRate());
            assertEquals(1, clip.channels());
            assertEquals(1600, clip.frames());
            float[] y = clip.interleaved();
            double quantum = 1.0 / (1L << (bits - 1));
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], quantum * 0.5 + 1e-7, bits + "-bit sample " + i);
            }
        }
    }

    @Test
    void decodesFloat32AndFloat64AndExtensible() throws IOException {
        float[] v = {0.25f, -0.5f, 1.5f, -1e-6f};
        assertArrayEquals(v, AudioReader.read(file("f.wav", WavBytes.wav(3, 1, 8000, 32, WavBytes.floats32(v)))).interleaved());
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.125).putDouble(-0.75);
        assertArrayEquals(new float[] {0.125f, -0.75f},
                AudioReader.read(file("g.wav", WavBytes.wav(3, 1, 8000, 64, d.array()))).interleaved());
        // WAVE_FORMAT_EXTENSIBLE, 2 channels of 16-bit PCM, with a LIST chunk before data.
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 40 + 8 + 5 + 1 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(40).putShort((short) 0xFFFE).putShort((short) 2)
                .putInt(22050).putInt(22050 * 4).putShort((short) 4).putShort((short) 16).putShort((short) 22)
                .putShort((short) 16).putInt(3).putShort((short) 1).put(new byte[14]);
        b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(5).put(new byte[5]).put((byte) 0); // odd size + pad byte
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(8).putShort((short) 16384).putShort((short) -16384)
                .putShort((short) 8192).putShort((short) 0);
        AudioClip clip = AudioReader.read(file("ext.wav", b.array()));
        assertEquals(22050, clip.sampleRate());
        assertEquals(2, clip.channels());
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.25f, 0f}, clip.interleaved());
        assertArrayEquals(new float[] {0f, 0.125f}, clip.mono());
    }

    @Test
    void mixesStereoDownToTheMeanOfTheChannels() throws IOException {
        float[] left = ramp(800);
        float[] stereo = new float[1600];
        for (int i = 0; i < 800; i++) {
            stereo[2 * i] = left[i];
            stereo[2 * i + 1] = -0.5f * left[i];
        }
        Path p = file("st.wav", WavBytes.javaSound(stereo, 2, 16000, 16, AudioFileFormat.Type.WAVE, false));
        AudioClip clip = AudioReader.read(p);
        assertEquals(2, clip.channels());
        assertEquals(800, clip.frames());
        float[] mono = clip.mono();
        for (int i = 0; i < 800; i++) {
            assertEquals(0.25 * left[i], mono[i], 1.0 / 32768, "sample " + i);
        }
        float[] right = clip.channel(1);
        for (int i = 0; i < 800; i++) {
            assertEquals(-0.5 * left[i], right[i], 1.0 / 32768, "right sample " + i);
        }
    }

    @Test
    void decodesAiffAndAuThroughJavaSound() throws IOException {
        float[] x = ramp(400);
        for (AudioFileFormat.Type type : new AudioFileFormat.Type[] {AudioFileFormat.Type.AIFF, AudioFileFormat.Type.AU}) {
            Path p = file("x." + type.getExtension(), WavBytes.javaSound(x, 1, 16000, 16, type, true));
            float[] y = AudioReader.read(p).interleaved();
            assertEquals(400, y.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 0.5 / 32768 + 1e-7, type + " sample " + i);
            }
        }
    }

    @Test
    void readMonoResamples44100StereoTo16000() throws IOException {
        int n = 44100;
        float[] stereo = new float[2 * n];
        for (int i = 0; i < n; i++) {
            float v = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
            stereo[2 * i] = v;
            stereo[2 * i + 1] = v;
        }
        Path p = file("cd.wav", WavBytes.javaSound(stereo, 2, 44100, 16, AudioFileFormat.Type.WAVE, false));
        float[] y = AudioReader.readMono(p, 16000);
        assertEquals(16000, y.length);
        assertEquals(0.5, AudioResamplerTest.fittedAmplitude(y, 1000, 16000), 0.005);
    }

    @Test
    void rejectsTruncatedDataChunkNamingTheFile() throws IOException {
        byte[] data = new byte[100];
        byte[] full = WavBytes.wav(1, 1, 16000, 16, data, 32000);
        assertProblem(file("trunc.wav", full), "declares 32000 bytes but only 100 follow");
        // Cut in the middle of the header.
        byte[] good = WavBytes.wav(1, 1, 16000, 16, data);
        assertProblem(file("cut.wav", Arrays.copyOf(good, 30)), "'fmt ' chunk declares 16 bytes but only 10 follow");
        assertProblem(file("tiny.wav", Arrays.copyOf(good, 8)), "shorter than the 12-byte RIFF/WAVE header");
        // Half a sample frame at the end.
        assertProblem(file("odd.wav", WavBytes.wav(1, 1, 16000, 16, new byte[101])), "not a whole number of 2-byte sample frames");
    }

    @Test
    void rejectsCorruptHeadersNamingTheFile() throws IOException {
        byte[] good = WavBytes.wav(1, 1, 16000, 16, new byte[100]);
        byte[] notWave = good.clone();
        notWave[8] = 'A';
        assertProblem(file("notwave.wav", notWave), "expected 'WAVE'");
        assertProblem(file("adpcm.wav", WavBytes.wav(2, 1, 16000, 16, new byte[100])), "format tag 0x2 is not supported");
        assertProblem(file("bits.wav", WavBytes.wav(1, 1, 16000, 12, new byte[100])), "expected 8, 16, 24 or 32");
        assertProblem(file("zero.wav", WavBytes.wav(1, 0, 16000, 16, new byte[100])), "0 channels");
        assertProblem(file("rate.wav", WavBytes.wav(1, 1, 0, 16, new byte[100])), "sample rate 0");
        assertProblem(file("junk.wav", "this is not audio at all".getBytes(StandardCharsets.US_ASCII)),
                "unrecognised audio format");
        assertProblem(file("nan.wav", WavBytes.wav(3, 1, 16000, 32, WavBytes.floats32(0f, Float.NaN))),
                "sample 1 of channel 0 is NaN");
        byte[] aiffCut = WavBytes.javaSound(ramp(400), 1, 16000, 16, AudioFileFormat.Type.AIFF, true);
        assertProblem(file("cut.aiff", Arrays.copyOf(aiffCut, aiffCut.length - 101)), "sample frames");
    }

    @Test
    void rejectsEmptyAudioNamingTheFile() throws IOException {
        assertProblem(file("empty.wav", new byte[0]), "file is empty (0 bytes)");
        assertProblem(file("nodata.wav", WavBytes.wav(1, 1, 16000, 16, new byte[0])), "'data' chunk is empty");
        assertProblem(dir.resolve("missing.wav"), "no such file");
        Files.createDirectory(dir.resolve("folder.wav"));
        assertProblem(dir.resolve("folder.wav"), "is a directory");
    }

    private static void assertProblem(Path p, String expected) {
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(p, e.file());
    }
}
