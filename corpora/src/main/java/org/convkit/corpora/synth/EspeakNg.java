package org.convkit.corpora.synth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.convkit.corpora.ExternalTool;

/**
 * espeak-ng: every English voice it lists ({@code espeak-ng --voices=en}) except the MBROLA ones, which
 * need the separate mbrola program and voice files, combined with no variant and with every voice
 * variant it lists ({@code espeak-ng --voices=variant}).
 */
final class EspeakNg implements SpeechEngine {

    static final String NAME = "espeak-ng";
    static final ExternalTool TOOL = new ExternalTool(NAME, "apt-get install espeak-ng");
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);
    /** espeak-ng's default speaking rate in words per minute. */
    static final int DEFAULT_RATE = 175;
    /** espeak-ng's default pitch setting (0..99). */
    static final int DEFAULT_PITCH = 50;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return TOOL.run(List.of("--version"), null, LIST_TIMEOUT).stdoutText().strip();
    }

    @Override
    public List<SyntheticSpeaker> speakers() {
        List<String> voices = parseVoices(TOOL.run(List.of("--voices=en"), null, LIST_TIMEOUT).stdoutText());
        List<String> variants = parseVariants(TOOL.run(List.of("--voices=variant"), null, LIST_TIMEOUT).stdoutText());
        List<SyntheticSpeaker> speakers = new ArrayList<>();
        for (String voice : voices) {
            String group = NAME + " " + voice;
            speakers.add(new SyntheticSpeaker(NAME, voice, "", group));
            for (String variant : variants) {
                speakers.add(new SyntheticSpeaker(NAME, voice, variant, group + "+" + variant));
            }
        }
        return speakers;
    }

    /**
     * The English, non-MBROLA voice names (their language codes) from {@code --voices=en} output.
     * Columns: Pty, Language, Age/Gender, VoiceName, File, Other Languages.
     */
    static List<String> parseVoices(String listing) {
        TreeSet<String> voices = new TreeSet<>();
        for (String line : listing.lines().skip(1).toList()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length < 5) {
                continue;
            }
            String language = parts[1];
            String file = parts[4];
            if (language.equals("variant") || file.startsWith("mb/") || !language.toLowerCase(Locale.ROOT).startsWith("en")) {
                continue;
            }
            voices.add(language);
        }
        return List.copyOf(voices);
    }

    /** The variant names (the part of the File column after {@code !v/}) from {@code --voices=variant} output. */
    static List<String> parseVariants(String listing) {
        TreeSet<String> variants = new TreeSet<>();
        for (String line : listing.lines().skip(1).toList()) {
            int at = line.indexOf("!v/");
            if (at < 0) {
                continue;
            }
            String name = line.substring(at + 3).split("\\s{2,}")[0].strip();
            if (!name.isEmpty()) {
                variants.add(name);
            }
        }
        return List.copyOf(variants);
    }

    @Override
    public void speak(String word, SyntheticSpeaker speaker, double speed, double pitch, Path out, Duration timeout) {
        String voice = speaker.voice() + (speaker.variant().isEmpty() ? "" : "+" + speaker.variant());
        int rate = (int) Math.round(DEFAULT_RATE * speed);
        int pitchLevel = (int) Math.max(0, Math.min(99, Math.round(DEFAULT_PITCH * pitch)));
        TOOL.run(List.of("-v", voice, "-s", Integer.toString(rate), "-p", Integer.toString(pitchLevel),
            "-w", out.toString(), word), null, timeout);
    }
}
