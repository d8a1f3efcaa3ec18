package org.convkit.audio.stream;

import java.nio.file.Path;
import java.util.Objects;
import org.convkit.audio.io.AudioFileException;
import org.convkit.audio.io.AudioReader;

/**
 * Streams an audio file (decoded, mixed down to mono and resampled to the wanted rate by
 * {@link AudioReader#readMono}) in blocks of a fixed size, as fast as the sink consumes them.
 */
public final class WavStreamSource implements StreamSource {

    private final float[] samples;
    private final int sampleRate;
    private final int blockSize;
    private volatile boolean stopped;

    /**
     * Decodes the file.
     *
     * @param file       audio file (WAV, AIFF, AU)
     * @param sampleRate rate to resample to (the model's)
     * @param blockSize  samples per block, &gt; 0 (e.g. 1600 = 100 ms)
     * @throws AudioFileException if the file cannot be decoded (the message names it)
     */
    public WavStreamSource(Path file, int sampleRate, int blockSize) throws AudioFileException {
        this(AudioReader.readMono(Objects.requireNonNull(file, "file"), sampleRate), sampleRate, blockSize);
    }

    /**
     * Streams samples already in memory.
     *
     * @param samples    mono samples (not copied)
     * @param sampleRate their rate
     * @param blockSize  samples per block, &gt; 0
     */
    public WavStreamSource(float[] samples, int sampleRate, int blockSize) {
        this.samples = Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0 || blockSize <= 0) {
            throw new IllegalArgumentException("sampleRate and blockSize must be > 0, were " + sampleRate + " and " + blockSize);
        }
        this.sampleRate = sampleRate;
        this.blockSize = blockSize;
    }

    /**
     * Length of the stream.
     *
     * @return seconds
     */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void run(Sink sink) {
        for (int i = 0; i < samples.length && !stopped; i += blockSize) {
            sink.accept(samples, i, Math.min(blockSize, samples.length - i));
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
