package org.convkit.corpora.synth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.convkit.corpora.ExternalTool;

/**
 * flite: every voice {@code flite -lv} lists except {@code awb_time}, a limited-domain voice built only
 * to speak the time of day. {@code kal} (8 kHz) and {@code kal16} are one voice at two rates and share
 * a split group.
 */
final class Flite implements SpeechEngine {

    static final String NAME = "flite";
    static final ExternalTool TOOL = new ExternalTool(NAME, "apt-get install flite");
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        String out = TOOL.runAnyExit(List.of("--version"), null, LIST_TIMEOUT).stdoutText().strip();
        return out.lines().reduce((a, b) -> b).orElse(out).strip();
    }

    @Override
    public List<SyntheticSpeaker> speakers() {
        List<SyntheticSpeaker> speakers = new ArrayList<>();
        for (String voice : parseVoices(TOOL.run(List.of("-lv"), null, LIST_TIMEOUT).stdoutText())) {
            String group = NAME + " " + (voice.equals("kal16") ? "kal" : voice);
            speakers.add(new SyntheticSpeaker(NAME, voice, "", group));
        }
        return speakers;
    }

    /** The voice names after {@code Voices available:}, without limited-domain voices. */
    static List<String> parseVoices(String listing) {
        TreeSet<String> voices = new TreeSet<>();
        int colon = listing.indexOf(':');
        for (String v : listing.substring(colon + 1).strip().split("\\s+")) {
            if (!v.isEmpty() && !v.toLowerCase(Locale.ROOT).endsWith("_time")) {
                voices.add(v);
            }
        }
        return List.copyOf(voices);
    }

    @Override
    public void speak(String word, SyntheticSpeaker speaker, double speed, double pitch, Path out, Duration timeout) {
        TOOL.run(List.of("-voice", speaker.voice(),
            "--setf", String.format(Locale.ROOT, "duration_stretch=%.4f", 1.0 / speed),
            "--setf", String.format(Locale.ROOT, "f0_shift=%.4f", pitch),
            "-t", word, "-o", out.toString()), null, timeout);
    }
}
