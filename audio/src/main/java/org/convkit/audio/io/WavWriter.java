package org.convkit.audio.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes canonical 44-byte-header RIFF/WAVE files. The file is written to a temporary name in the
 * target directory and atomically renamed into place, so readers never see a partial file.
 */
public final class WavWriter {

    private WavWriter() {
    }

    /**
     * Writes interleaved samples.
     *
     * @param file        destination (replaced if it exists)
     * @param interleaved samples in [-1, 1] (integer encodings clip outside that range), frame f,
     *                    channel c at {@code f * channels + c}
     * @param channels    number of channels, &gt; 0, dividing {@code interleaved.length}
     * @param sampleRate  sample rate in Hz, &gt; 0
     * @param encoding    sample encoding
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException for a NaN or infinite sample (its index is named)
     */
    public static void write(Path file, float[] interleaved, int channels, int sampleRate,
                             WavEncoding encoding) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(interleaved, "interleaved");
        Objects.requireNonNull(encoding, "encoding");
        if (channels <= 0 || interleaved.length % channels != 0) {
            throw new IllegalArgumentException("channels " + channels + " must be > 0 and divide "
                    + interleaved.length + " samples");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0, was " + sampleRate);
        }
        int bytesPerSample = encoding.bits() / 8;
        long dataBytes = (long) interleaved.length * bytesPerSample;
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IllegalArgumentException(interleaved.length + " samples do not fit a WAV file");
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(44 + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        buf.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        buf.putShort((short) encoding.formatTag()).putShort((short) channels).putInt(sampleRate);
        buf.putInt(sampleRate * channels * bytesPerSample).putShort((short) (channels * bytesPerSample));
        buf.putShort((short) encoding.bits());
        buf.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        for (int i = 0; i < interleaved.length; i++) {
            float x = interleaved[i];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("sample " + i + " is " + x + "; cannot write " + file);
            }
            switch (encoding) {
                case PCM_8 -> buf.put((byte) (quantise(x, 8) + 128));
                case PCM_16 -> buf.putShort((short) quantise(x, 16));
                case PCM_24 -> {
                    long v = quantise(x, 24);
                    buf.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                }
                case PCM_32 -> buf.putInt((int) quantise(x, 32));
                case FLOAT_32 -> buf.putFloat(x);
            }
        }
        writeAtomically(file, buf.array());
    }

    /**
     * Writes mono samples as 16-bit PCM.
     *
     * @param file       destination
     * @param samples    mono samples in [-1, 1]
     * @param sampleRate sample rate in Hz
     * @throws IOException if the file cannot be written
     */
    public static void writeMono16(Path file, float[] samples, int sampleRate) throws IOException {
        write(file, samples, 1, sampleRate, WavEncoding.PCM_16);
    }

    private static long quantise(float x, int bits) {
        double full = 1L << (bits - 1);
        long v = Math.round(x * full);
        return Math.max(-(long) full, Math.min((long) full - 1, v));
    }

    /** Writes bytes to a temporary file beside {@code file} and renames it into place. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        org.convkit.io.AtomicFile.write(file, out -> out.write(bytes));
    }
}
