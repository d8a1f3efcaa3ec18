package org.convkit.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FeatureSettingsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void roundTripsThroughJacksonAsAFlatObject() throws Exception {
        FeatureSettings s = FeatureSettings.defaults().withMelScale(MelScale.HTK).withDecibels(1e-10, 80);
        String json = mapper.writeValueAsString(s);
        JsonNode node = mapper.readTree(json);
        assertEquals(18, node.size(), json);
        assertEquals(16000, node.get("sampleRate").asInt());
        assertEquals("HTK", node.get("melScale").asText());
        assertEquals("DECIBEL", node.get("logCompression").asText());
        assertEquals(80.0, node.get("topDb").asDouble());
        assertEquals(s, mapper.readValue(json, FeatureSettings.class));
    }

    @Test
    void statisticsRoundTripThroughJackson() throws Exception {
        FeatureStatistics st = new FeatureStatistics(new double[] {-1.5, 2}, new double[] {0.25, 3});
        String json = mapper.writeValueAsString(st);
        assertEquals("{\"mean\":[-1.5,2.0],\"std\":[0.25,3.0]}", json);
        assertEquals(st, mapper.readValue(json, FeatureStatistics.class));
    }

    @Test
    void defaultsAreTheKeywordSpottingSetUp() {
        FeatureSettings d = FeatureSettings.defaults();
        assertEquals(16000, d.sampleRate());
        assertEquals(512, d.fftSize());
        assertEquals(480, d.windowLength());
        assertEquals(160, d.hopLength());
        assertEquals(40, d.melBands());
        assertEquals(40, d.cepstra());
        assertEquals(20.0, d.minFrequency());
        assertEquals(4000.0, d.maxFrequency());
        assertEquals(101, d.frameCount(16000));
    }

    @Test
    void rejectsInvalidFieldsNamingThem() {
        FeatureSettings d = FeatureSettings.defaults();
        assertMessage(() -> d.withFftSize(511), "fftSize");
        assertMessage(() -> d.withWindowLength(600), "windowLength");
        assertMessage(() -> d.withHopLength(0), "hopLength");
        assertMessage(() -> d.withFrequencyRange(20, 9000), "maxFrequency");
        assertMessage(() -> d.withFrequencyRange(-1, 4000), "minFrequency");
        assertMessage(() -> d.withBands(40, 41), "cepstra");
        assertMessage(() -> d.withLogOffset(0), "logOffset");
        assertMessage(() -> d.withDecibels(1e-10, -1), "topDb");
        assertMessage(() -> d.withDecibels(Double.NaN, 80), "amin");
        assertMessage(() -> d.withMelScale(null), "melScale");
    }

    @Test
    void rejectsJsonWithMissingFields() {
        Exception e = assertThrows(Exception.class,
                () -> mapper.readValue("{\"sampleRate\":16000}", FeatureSettings.class));
        assertTrue(e.getMessage().contains("fftSize"), e.getMessage());
    }

    private static void assertMessage(Runnable r, String field) {
        Exception e = assertThrows(RuntimeException.class, r::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}
