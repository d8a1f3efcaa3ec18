package org.convkit.corpora;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers that write small files in the exact formats the readers take. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Writes UTF-8 text, creating parent folders. */
    public static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes, creating parent folders. */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A canonical 44-byte-header PCM WAV. */
    public static byte[] wav(int sampleRate, int channels, int bits, short[] samples) {
        int dataBytes = samples.length * (bits / 8);
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
            .putInt(sampleRate).putInt(sampleRate * channels * bits / 8).putShort((short) (channels * bits / 8))
            .putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : samples) {
            if (bits == 16) {
                b.putShort(s);
            } else {
                b.put((byte) ((s >> 8) + 128));
            }
        }
        return b.array();
    }

    /** Writes a WAV of {@code n} samples of a ramp, 16-bit, at the given rate and channel count. */
    public static Path wav(Path file, int sampleRate, int channels, int n) {
        short[] s = new short[n * channels];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (i * 7);
        }
        return write(file, wav(sampleRate, channels, 16, s));
    }
}
