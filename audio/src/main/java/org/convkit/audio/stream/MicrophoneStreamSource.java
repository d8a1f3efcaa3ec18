package org.convkit.audio.stream;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.io.IOException;
import javax.sound.sampled.LineUnavailableException;

/**
 * The default microphone through TarsosDSP's {@code AudioDispatcherFactory.fromDefaultMicrophone}
 * (16-bit mono at the given rate, blocks without overlap). {@link #run} blocks until
 * {@link #stop()} is called from another thread.
 */
public final class MicrophoneStreamSource implements StreamSource {

    private final int sampleRate;
    private final int blockSize;
    private volatile AudioDispatcher dispatcher;
    private volatile boolean stopped;

    /**
     * Describes the capture; nothing is opened until {@link #run}.
     *
     * @param sampleRate capture rate in Hz (the model's, e.g. 16000)
     * @param blockSize  samples per block, &gt; 0 (e.g. 1600)
     */
    public MicrophoneStreamSource(int sampleRate, int blockSize) {
        if (sampleRate <= 0 || blockSize <= 0) {
            throw new IllegalArgumentException("sampleRate and blockSize must be > 0, were " + sampleRate + " and " + blockSize);
        }
        this.sampleRate = sampleRate;
        this.blockSize = blockSize;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Opens the default microphone and pushes its blocks until stopped.
     *
     * @throws IOException naming the capture format when no microphone is available (no audio device,
     *                     line busy, or format not supported)
     */
    @Override
    public void run(Sink sink) throws IOException {
        AudioDispatcher d;
        try {
            d = AudioDispatcherFactory.fromDefaultMicrophone(sampleRate, blockSize, 0);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new IOException("no microphone available for 16-bit mono capture at " + sampleRate
                    + " Hz (" + e.getMessage() + "); use --audio FILE to read a recording instead", e);
        }
        d.addAudioProcessor(new AudioProcessor() {
            @Override
            public boolean process(AudioEvent event) {
                float[] b = event.getFloatBuffer();
                sink.accept(b, 0, b.length);
                return true;
            }

            @Override
            public void processingFinished() {
            }
        });
        dispatcher = d;
        if (stopped) {
            d.stop();
            return;
        }
        d.run();
    }

    @Override
    public void stop() {
        stopped = true;
        AudioDispatcher d = dispatcher;
        if (d != null) {
            d.stop();
        }
    }
}
