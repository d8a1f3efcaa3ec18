package org.convkit.audio.stream;

import java.io.IOException;

/**
 * A source of mono samples pushed in blocks to a sink, e.g. {@link KeywordSpotter#accept}: a WAV
 * file ({@link WavStreamSource}) or the default microphone ({@link MicrophoneStreamSource}).
 */
public interface StreamSource {

    /** Receives blocks of samples. */
    @FunctionalInterface
    interface Sink {
        /**
         * One block.
         *
         * @param samples buffer (reused by the source after the call returns)
         * @param offset  first sample
         * @param length  number of samples
         */
        void accept(float[] samples, int offset, int length);
    }

    /**
     * Sample rate of the blocks.
     *
     * @return Hz
     */
    int sampleRate();

    /**
     * Pushes the stream to {@code sink} on the calling thread until it ends (or {@link #stop()}).
     *
     * @param sink the receiver
     * @throws IOException if the source cannot be read
     */
    void run(Sink sink) throws IOException;

    /** Asks a running {@link #run} to return soon (thread-safe). */
    void stop();
}
