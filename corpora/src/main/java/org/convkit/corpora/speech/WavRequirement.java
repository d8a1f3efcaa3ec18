package org.convkit.corpora.speech;

import java.nio.file.Path;

/**
 * The format every clip of a corpus must have; readers check each header as they stream.
 *
 * @param sampleRate required rate in Hz
 * @param channels   required channel count
 */
public record WavRequirement(int sampleRate, int channels) {

    /** Speech Commands: 16 kHz mono 16-bit PCM. */
    public static final WavRequirement SPEECH_COMMANDS = new WavRequirement(WavFormat.SPEECH_COMMANDS_RATE, 1);

    /** Rejects non-positive values. */
    public WavRequirement {
        if (sampleRate < 1 || channels < 1) {
            throw new IllegalArgumentException("sampleRate and channels must be positive, got "
                + sampleRate + " Hz, " + channels + " channels");
        }
    }

    /**
     * Checks a file's header (16-bit PCM at this rate and channel count).
     *
     * @param file the WAV file
     * @throws org.convkit.corpora.CorpusFormatException naming the file, its format and this requirement
     */
    public void check(Path file) {
        WavFile.requireFormat(file, sampleRate, channels);
    }
}
