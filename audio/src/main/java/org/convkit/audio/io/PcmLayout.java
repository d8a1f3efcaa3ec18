package org.convkit.audio.io;

import java.nio.file.Path;

/**
 * How one sample is stored, and its conversion to float.
 *
 * <p>Integer PCM of b bits is scaled by 2^-(b-1) (so the most negative code maps to exactly -1 and
 * the most positive to 1 - 2^-(b-1)), the convention of libsndfile, librosa and TensorFlow's
 * {@code decode_wav}. TarsosDSP's {@code TarsosDSPAudioFloatConverter} is not used here because it
 * divides 16-bit values by 32767 (so -32768 decodes below -1) and 8-bit values as (b - 127) / 127
 * (so unsigned silence, 128, decodes to 0.0079 instead of 0).
 *
 * @param bits      bits per sample (8, 16, 24, 32 or 64)
 * @param kind      integer signedness or floating point
 * @param bigEndian byte order of multi-byte samples
 */
record PcmLayout(int bits, Kind kind, boolean bigEndian) {

    /** Sample representation. */
    enum Kind { SIGNED, UNSIGNED, FLOAT }

    int bytesPerSample() {
        return bits / 8;
    }

    /**
     * Decodes {@code count} samples starting at {@code offset}.
     *
     * @throws AudioFileException for a NaN or infinite float sample (named by index)
     */
    float[] decode(Path file, byte[] data, int offset, int count, int channels) throws AudioFileException {
        float[] out = new float[count];
        int bps = bytesPerSample();
        int p = offset;
        for (int i = 0; i < count; i++, p += bps) {
            out[i] = switch (kind) {
                case UNSIGNED -> ((data[p] & 0xFF) - 128) / 128f;
                case SIGNED -> (float) (readSigned(data, p) * scaleOf(bits));
                case FLOAT -> {
                    double v = bits == 32 ? Float.intBitsToFloat((int) readSigned(data, p))
                            : Double.longBitsToDouble(readSigned(data, p));
                    if (!Double.isFinite(v)) {
                        throw new AudioFileException(file, "sample " + (i / channels) + " of channel "
                                + (i % channels) + " is " + v + "; expected finite float samples");
                    }
                    yield (float) v;
                }
            };
        }
        return out;
    }

    private static double scaleOf(int bits) {
        return 1.0 / (1L << (bits - 1));
    }

    /** Reads a two's complement integer of {@code bits} bits, sign-extended to long. */
    private long readSigned(byte[] d, int p) {
        int n = bits / 8;
        long v = 0;
        if (bigEndian) {
            for (int k = 0; k < n; k++) {
                v = (v << 8) | (d[p + k] & 0xFF);
            }
        } else {
            for (int k = n - 1; k >= 0; k--) {
                v = (v << 8) | (d[p + k] & 0xFF);
            }
        }
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }
}
