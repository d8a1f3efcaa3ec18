package org.convkit.corpora.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackSixteenBitMono() throws Exception {
        float[] samples = {0f, 0.5f, -0.5f, 1.0f, -1.0f, 1.5f, 0.25f};
        Path file = dir.resolve("a.wav");
        WavFile.writePcm16(file, samples, 16000);
        assertEquals(44 + 2 * samples.length, Files.size(file));
        WavFormat format = WavFile.requireFormat(file, 16000, 1);
        assertEquals(7, format.frames());
        assertEquals(44, format.dataOffset());
        WavFile.MonoAudio audio = WavFile.readMono(file);
        // Math.round(s * 32767) (halves round up: 16383.5 -> 16384, -16383.5 -> -16383), clipped, read back as v / 32768
        float[] expected = {0f, 16384 / 32768f, -16383 / 32768f, 32767 / 32768f, -32767 / 32768f, 32767 / 32768f, 8192 / 32768f};
        assertArrayEquals(expected, audio.samples(), 1e-7f);
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void rejectsWavWithWrongSampleRateNamingTheFile() {
        Path file = TestFiles.wav(dir.resolve("right/abc_nohash_0.wav"), 22050, 1, 100);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> WavFile.requireFormat(file, 16000, 1));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("22050 Hz, 1 channel, 16-bit PCM, expected 16000 Hz, 1 channel, 16-bit PCM"),
            e.getMessage());
    }

    @Test
    void rejectsWavWithWrongChannelCount() {
        Path file = TestFiles.wav(dir.resolve("stereo.wav"), 16000, 2, 100);
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> WavFile.requireFormat(file, 16000, 1));
        assertTrue(e.getMessage().contains("stereo.wav") && e.getMessage().contains("2 channels"), e.getMessage());
    }

    @Test
    void rejectsEightBitWhereSixteenIsRequired() {
        Path file = TestFiles.write(dir.resolve("u8.wav"), TestFiles.wav(16000, 1, 8, new short[10]));
        assertThrows(CorpusFormatException.class, () -> WavFile.requireFormat(file, 16000, 1));
    }

    @Test
    void reportsTruncatedData() {
        byte[] full = TestFiles.wav(16000, 1, 16, new short[100]);
        Path file = TestFiles.write(dir.resolve("cut.wav"), Arrays.copyOf(full, 44 + 50));
        CorpusFormatException e = assertThrows(CorpusFormatException.class, () -> WavFile.readFormat(file));
        assertTrue(e.getMessage().contains("declares 200 bytes but only 50 follow"), e.getMessage());
        Path header = TestFiles.write(dir.resolve("header.wav"), Arrays.copyOf(full, 30));
        assertTrue(assertThrows(CorpusFormatException.class, () -> WavFile.readFormat(header)).getMessage()
            .contains("truncated"));
    }

    @Test
    void rejectsAFileThatIsNotWave() {
        Path file = TestFiles.write(dir.resolve("text.wav"), "hello, this is not audio at all".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(CorpusFormatException.class, () -> WavFile.readFormat(file)).getMessage()
            .contains("not a RIFF/WAVE file"));
    }

    @Test
    void skipsOddSizedChunksWithPaddingAndReadsExtensibleFloatAndOtherDepths() {
        // LIST chunk of 3 bytes (padded to 4), then WAVE_FORMAT_EXTENSIBLE fmt with float sub-format, stereo
        ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(40).putShort((short) 0xFFFE).putShort((short) 2)
            .putInt(8000).putInt(8000 * 8).putShort((short) 8).putShort((short) 32)
            .putShort((short) 22).putShort((short) 32).putInt(3).putShort((short) 3).put(new byte[14]);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putFloat(0.5f).putFloat(0.25f).putFloat(-1f).putFloat(0f);
        Path file = TestFiles.write(dir.resolve("float.wav"), Arrays.copyOf(b.array(), b.position()));
        WavFormat format = WavFile.readFormat(file);
        assertEquals(WavFormat.Encoding.FLOAT, format.encoding());
        assertEquals(2, format.channels());
        assertEquals(2, format.frames());
        assertArrayEquals(new float[] {0.375f, -0.5f}, WavFile.readMono(file).samples(), 1e-7f);

        // 24-bit PCM: 0x400000 = 0.5, 0xC00000 = -0.5
        ByteBuffer c = ByteBuffer.allocate(50).order(ByteOrder.LITTLE_ENDIAN);
        c.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        c.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
            .putInt(16000).putInt(48000).putShort((short) 3).putShort((short) 24);
        c.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(6).put(new byte[] {0, 0, 0x40, 0, 0, (byte) 0xC0});
        Path file24 = TestFiles.write(dir.resolve("24.wav"), Arrays.copyOf(c.array(), c.position()));
        assertArrayEquals(new float[] {0.5f, -0.5f}, WavFile.readMono(file24).samples(), 1e-7f);

        // 8-bit unsigned: 128 is zero, 192 is +0.5
        Path file8 = TestFiles.write(dir.resolve("8.wav"), TestFiles.wav(8000, 1, 8, new short[] {0, 64 << 8}));
        assertArrayEquals(new float[] {0f, 0.5f}, WavFile.readMono(file8).samples(), 1e-7f);
    }
}
