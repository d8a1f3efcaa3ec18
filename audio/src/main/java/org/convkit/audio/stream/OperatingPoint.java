package org.convkit.audio.stream;

/**
 * Streaming figures at one threshold.
 *
 * @param threshold          detection threshold on the smoothed posterior
 * @param hits               keyword events detected with the right label within the tolerance
 * @param misses             keyword events not detected
 * @param falseAlarms        detections matching no keyword event (noise, distractor words, wrong label)
 * @param falseRejectRate    misses / keyword events
 * @param falseAlarmsPerHour false alarms per hour of recording
 */
public record OperatingPoint(double threshold, int hits, int misses, int falseAlarms, double falseRejectRate,
                             double falseAlarmsPerHour) {
}
