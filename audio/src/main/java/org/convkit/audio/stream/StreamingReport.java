package org.convkit.audio.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Result of a streaming evaluation: the figures at the spotter's own threshold, the trade-off curve
 * over thresholds (false reject rate against false alarms per hour, as the keyword-spotting
 * literature plots it), and the speed.
 *
 * @param model             model name
 * @param audioSeconds      length of the recording
 * @param keywordEvents     keyword events in it
 * @param distractorEvents  non-keyword words in it
 * @param evaluations       model evaluations
 * @param cpuSeconds        CPU time of the process while spotting (all threads: features, model with
 *                          its worker pool, smoothing, detection, and the JVM's own threads)
 * @param realTimeFactor    audio seconds per CPU second (above 1 = faster than real time on one core)
 * @param settings          spotter settings of the main operating point
 * @param toleranceSeconds  matching tolerance
 * @param atThreshold       figures at {@code settings.threshold()}
 * @param curve             figures at every swept threshold, ascending
 * @param detections        detections at {@code settings.threshold()}
 */
public record StreamingReport(String model, double audioSeconds, int keywordEvents, int distractorEvents,
                              long evaluations, double cpuSeconds, double realTimeFactor, SpotterSettings settings,
                              double toleranceSeconds, OperatingPoint atThreshold, List<OperatingPoint> curve,
                              List<Detection> detections) {

    /** Copies the lists. */
    public StreamingReport {
        curve = List.copyOf(curve);
        detections = List.copyOf(detections);
    }

    /**
     * JSON form with the fields above ({@code curve} as a list of objects).
     *
     * @return the object
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("model", model);
        o.put("audio_seconds", audioSeconds);
        o.put("keyword_events", keywordEvents);
        o.put("distractor_events", distractorEvents);
        o.put("evaluations", evaluations);
        o.put("cpu_seconds", cpuSeconds);
        o.put("real_time_factor", realTimeFactor);
        o.put("threshold", settings.threshold());
        o.put("evaluate_every_ms", settings.evaluateEveryMs());
        o.put("smoothing_window", settings.smoothingWindow());
        o.put("refractory_seconds", settings.refractorySeconds());
        o.put("tolerance_seconds", toleranceSeconds);
        o.set("at_threshold", point(atThreshold));
        ArrayNode c = o.putArray("curve");
        curve.forEach(p -> c.add(point(p)));
        ArrayNode d = o.putArray("detections");
        for (Detection x : detections) {
            ObjectNode n = d.addObject();
            n.put("label", x.label());
            n.put("start", x.startSeconds());
            n.put("end", x.endSeconds());
            n.put("confidence", x.confidence());
        }
        return o;
    }

    private static ObjectNode point(OperatingPoint p) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("threshold", p.threshold());
        n.put("hits", p.hits());
        n.put("misses", p.misses());
        n.put("false_alarms", p.falseAlarms());
        n.put("false_reject_rate", p.falseRejectRate());
        n.put("false_alarms_per_hour", p.falseAlarmsPerHour());
        return n;
    }

    /**
     * The curve as CSV: {@code threshold,hits,misses,false_alarms,false_reject_rate,false_alarms_per_hour}.
     *
     * @return the text with a header line
     */
    public String curveCsv() {
        StringBuilder b = new StringBuilder("threshold,hits,misses,false_alarms,false_reject_rate,false_alarms_per_hour\n");
        for (OperatingPoint p : curve) {
            b.append(String.format(Locale.ROOT, "%.3f,%d,%d,%d,%.5f,%.3f%n", p.threshold(), p.hits(), p.misses(),
                    p.falseAlarms(), p.falseRejectRate(), p.falseAlarmsPerHour()));
        }
        return b.toString();
    }
}
