package org.convkit.corpora.speech;

/**
 * The header facts of a RIFF/WAVE file.
 *
 * @param encoding      sample encoding ({@link Encoding#PCM} integers or {@link Encoding#FLOAT} IEEE floats)
 * @param channels      number of interleaved channels
 * @param sampleRate    frames per second, in Hz
 * @param bitsPerSample bits of one sample of one channel
 * @param dataOffset    byte offset of the first sample in the file
 * @param dataLength    length of the sample data in bytes
 */
public record WavFormat(Encoding encoding, int channels, int sampleRate, int bitsPerSample,
                        long dataOffset, long dataLength) {

    /** How samples are stored. */
    public enum Encoding {
        /** Signed little-endian integers (unsigned for 8 bits), WAVE format tag 1. */
        PCM,
        /** IEEE 754 little-endian floats, WAVE format tag 3. */
        FLOAT
    }

    /** Speech Commands' format: 16 kHz, mono, 16-bit PCM. */
    public static final int SPEECH_COMMANDS_RATE = 16_000;

    /**
     * Bytes of one frame (one sample of every channel).
     *
     * @return {@code channels * bitsPerSample / 8}
     */
    public int frameBytes() {
        return channels * (bitsPerSample / 8);
    }

    /**
     * Number of frames in the data chunk.
     *
     * @return {@code dataLength / frameBytes()}
     */
    public long frames() {
        return dataLength / frameBytes();
    }

    /**
     * Duration of the audio.
     *
     * @return {@code frames() / sampleRate}, in seconds
     */
    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /**
     * A short human description such as {@code 16000 Hz, 1 channel, 16-bit PCM}.
     *
     * @return the description
     */
    public String describe() {
        return sampleRate + " Hz, " + channels + (channels == 1 ? " channel, " : " channels, ")
            + bitsPerSample + "-bit " + encoding;
    }
}
