package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCorpusSettingsTest {

    @Test
    void defaultsSpeakTheTwelveClassKeywordsAndFillers() {
        SyntheticCorpusSettings s = SyntheticCorpusSettings.defaults(Path.of("/tmp/x"));
        assertEquals(20, s.words().size());
        assertEquals(List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"), s.words().subList(0, 10));
        assertEquals(60, s.speakers());
    }

    @Test
    void hashIgnoresWhereAndHowFastButNotWhat() {
        SyntheticCorpusSettings a = SyntheticCorpusSettings.defaults(Path.of("/tmp/a"));
        SyntheticCorpusSettings b = a.withOutputDirectory(Path.of("/elsewhere"));
        assertEquals(a.contentHash(), b.contentHash());
        assertNotEquals(a.contentHash(), a.withSeed(1).contentHash());
        assertNotEquals(a.contentHash(), a.withWords(List.of("yes")).contentHash());
        assertEquals(64, a.contentHash().length());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        SyntheticCorpusSettings a = SyntheticCorpusSettings.defaults(Path.of("/tmp/a"));
        String json = SyntheticCorpusSettings.jsonMapper().writeValueAsString(a);
        assertEquals(a, SyntheticCorpusSettings.jsonMapper().readValue(json, SyntheticCorpusSettings.class));
    }

    @Test
    void rejectsInvalidSettings() {
        SyntheticCorpusSettings d = SyntheticCorpusSettings.defaults(Path.of("/tmp/a"));
        assertThrows(IllegalArgumentException.class, () -> d.withWords(List.of("Yes")));
        assertThrows(IllegalArgumentException.class, () -> d.withWords(List.of("-rf")));
        assertThrows(IllegalArgumentException.class, () -> d.withWords(List.of("go", "go")));
        assertThrows(IllegalArgumentException.class, () -> d.withSpeakers(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withVoicing(List.of("festival"), d.speeds(), d.pitches(), 60));
        assertThrows(IllegalArgumentException.class, () -> d.withVoicing(d.engines(), List.of(3.0), d.pitches(), 60));
    }
}
