package org.convkit.corpora.synth;

import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import org.convkit.corpora.Checksums;

/**
 * One synthetic speaker: an engine voice with an optional variant.
 *
 * @param engine  {@code espeak-ng} or {@code flite}
 * @param voice   the engine's voice name ({@code en-us}, {@code slt}, ...)
 * @param variant the espeak-ng variant ({@code m3}, {@code f2}, ...), empty for none
 * @param group   speakers of one group always share a split (flite's {@code kal} and {@code kal16} are the
 *                same voice at two sample rates); equal to {@link #description()} otherwise
 */
public record SyntheticSpeaker(String engine, String voice, String variant, String group) {

    /**
     * A readable name, e.g. {@code espeak-ng en-us+m3} or {@code flite slt}.
     *
     * @return the description
     */
    public String description() {
        return engine + " " + voice + (variant.isEmpty() ? "" : "+" + variant);
    }

    /**
     * The speaker id used in file names, like Speech Commands' 8-hex-digit speaker hashes: the first
     * 8 hex digits of the SHA-1 of {@link #description()}.
     *
     * @return the id
     */
    public String id() {
        byte[] sha1 = Checksums.newDigest("SHA-1").digest(description().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha1, 0, 4);
    }
}
