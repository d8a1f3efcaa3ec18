package org.convkit.audio.stream;

import java.util.List;

/**
 * A long recording with words at known times, for streaming evaluation.
 *
 * @param samples    mono samples
 * @param sampleRate Hz
 * @param events     the words placed in it, in time order
 */
public record TestRecording(float[] samples, int sampleRate, List<Event> events) {

    /**
     * One placed word.
     *
     * @param label        its class label ({@code _unknown_} for a distractor word)
     * @param keyword      whether the spotter should detect it
     * @param startSeconds first 10 ms frame of the clip within 26 dB of the clip's loudest frame
     * @param endSeconds   end of the last such frame
     * @param source       the clip file it came from
     */
    public record Event(String label, boolean keyword, double startSeconds, double endSeconds, String source) {
    }

    /** Copies the event list. */
    public TestRecording {
        events = List.copyOf(events);
    }

    /**
     * Length.
     *
     * @return seconds
     */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
