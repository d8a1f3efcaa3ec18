package org.convkit.audio.stream;

/** Receives every evaluation of a {@link KeywordSpotter} (for traces and threshold sweeps). */
@FunctionalInterface
public interface PosteriorListener {

    /**
     * Called after each model evaluation, on the thread feeding the spotter.
     *
     * @param endSeconds end of the 1 s analysis window, seconds from the start of the stream
     * @param smoothed   smoothed posteriors, one per label (the spotter's buffer: copy to keep)
     */
    void onPosteriors(double endSeconds, float[] smoothed);
}
