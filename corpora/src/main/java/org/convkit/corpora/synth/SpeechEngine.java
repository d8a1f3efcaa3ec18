package org.convkit.corpora.synth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A text-to-speech program run as an external process. */
interface SpeechEngine {

    /** The program name. */
    String name();

    /** The version line the program prints, for provenance. */
    String version();

    /** Every English speaker the installed program offers, sorted. */
    List<SyntheticSpeaker> speakers();

    /**
     * Speaks a word into a WAV file.
     *
     * @param word    the word
     * @param speaker the voice
     * @param speed   rate factor, 1 = default
     * @param pitch   pitch factor, 1 = default
     * @param out     the WAV file to write
     * @param timeout how long to wait
     */
    void speak(String word, SyntheticSpeaker speaker, double speed, double pitch, Path out, Duration timeout);
}
