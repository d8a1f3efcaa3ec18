package org.convkit.audio.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Builds audio files byte by byte or with the JDK's own writer, independently of WavWriter. */
final class WavBytes {

    private WavBytes() {
    }

    /** A RIFF/WAVE image with a 16-byte fmt chunk and the given data bytes and declared size. */
    static byte[] wav(int format, int channels, int rate, int bits, byte[] data, long declaredDataSize) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length);
        b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) format).putShort((short) channels).putInt(rate);
        b.putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredDataSize);
        b.put(data);
        return b.array();
    }

    static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
        return wav(format, channels, rate, bits, data, data.length);
    }

    /** Encodes samples with javax.sound.sampled's writer (the JDK's, not ours). */
    static byte[] javaSound(float[] interleaved, int channels, int rate, int bits, AudioFileFormat.Type type,
                            boolean bigEndian) throws IOException {
        boolean unsigned = bits == 8 && type == AudioFileFormat.Type.WAVE;
        AudioFormat format = new AudioFormat(unsigned ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                rate, bits, channels, channels * bits / 8, rate, bigEndian);
        int bps = bits / 8;
        byte[] pcm = new byte[interleaved.length * bps];
        for (int i = 0; i < interleaved.length; i++) {
            long full = 1L << (bits - 1);
            long v = Math.max(-full, Math.min(full - 1, Math.round(interleaved[i] * (double) full)));
            if (unsigned) {
                v += 128;
            }
            for (int k = 0; k < bps; k++) {
                int shift = bigEndian ? 8 * (bps - 1 - k) : 8 * k;
                pcm[i * bps + k] = (byte) (v >> shift);
            }
        }
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, interleaved.length / channels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(in, type, out);
        return out.toByteArray();
    }

    static byte[] floats32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }
}
