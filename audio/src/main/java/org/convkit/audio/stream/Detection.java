package org.convkit.audio.stream;

/**
 * A keyword the spotter detected.
 *
 * @param label        the keyword
 * @param startSeconds start of the 1 s analysis window where the smoothed posterior peaked,
 *                     seconds from the start of the stream
 * @param endSeconds   end of that window (the time of the peak)
 * @param confidence   the peak smoothed posterior, in [0, 1]
 */
public record Detection(String label, double startSeconds, double endSeconds, double confidence) {
}
