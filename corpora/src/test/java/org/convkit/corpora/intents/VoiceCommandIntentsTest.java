package org.convkit.corpora.intents;

import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceCommandIntentsTest {

    @Test
    void countsPerIntentAndSplitFollowTheSettings() {
        List<TextExample> all = VoiceCommandIntents.generate(new VoiceCommandIntents.Settings(20, 5, 9, 1));
        int intents = VoiceCommandIntents.intents().size();
        assertEquals(8, intents);
        assertEquals(20 * intents, all.stream().filter(e -> e.split() == Split.TRAIN).count());
        assertEquals(5 * intents, all.stream().filter(e -> e.split() == Split.VALIDATION).count());
        assertEquals(9 * intents, all.stream().filter(e -> e.split() == Split.TEST).count());
        for (String intent : VoiceCommandIntents.intents()) {
            assertEquals(20, all.stream().filter(e -> e.split() == Split.TRAIN && e.label().equals(intent)).count());
        }
    }

    @Test
    void sameSeedSameSentencesOtherSeedOthers() {
        var s = new VoiceCommandIntents.Settings(10, 2, 3, 5);
        assertEquals(VoiceCommandIntents.generate(s), VoiceCommandIntents.generate(s));
        assertFalse(VoiceCommandIntents.generate(s).equals(
                VoiceCommandIntents.generate(new VoiceCommandIntents.Settings(10, 2, 3, 6))));
    }

    @Test
    void heldOutPhrasingsAndValuesNeverAppearInTraining() {
        List<TextExample> all = VoiceCommandIntents.generate(VoiceCommandIntents.Settings.defaults());
        Set<String> train = all.stream().filter(e -> e.split() == Split.TRAIN).map(TextExample::text).collect(Collectors.toSet());
        // "basement" and "dublin" are the reserved last values of their slot lists
        assertTrue(train.stream().noneMatch(t -> t.contains("basement") || t.contains("dublin")));
        assertTrue(all.stream().anyMatch(e -> e.split() == Split.TEST && e.text().contains("basement")));
        // the last lights_on template is reserved for test
        assertTrue(train.stream().noneMatch(t -> t.startsWith("i need some light in the")));
        long unseen = all.stream().filter(e -> e.split() == Split.TEST).filter(e -> !train.contains(e.text())).count();
        assertEquals(all.stream().filter(e -> e.split() == Split.TEST).count(), unseen, "no test sentence occurs in training");
    }

    @Test
    void writesThreeTsvFiles(@TempDir Path dir) throws Exception {
        List<TextExample> all = VoiceCommandIntents.generate(new VoiceCommandIntents.Settings(3, 1, 2, 1));
        VoiceCommandIntents.writeTsv(all, dir);
        List<String> test = Files.readAllLines(dir.resolve("test.tsv"));
        assertEquals(16, test.size());
        assertTrue(test.get(0).matches("[a-z_]+\t.+"), test.get(0));
        assertEquals(24, Files.readAllLines(dir.resolve("train.tsv")).size());
    }
}
